from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.core.errors import ServiceError
from samverkan.records.archive.services import archive_to_path


class Command(BaseCommand):
    help = (
        "Writes the archive package of a closed network (FGS Paketstruktur 2.0 / E-ARK SIP): "
        "the package folder inside DIR, or a zip file when DIR ends in .zip."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the network's slug")
        parser.add_argument("--out", required=True, help="a folder, or a file ending in .zip")
        parser.add_argument(
            "--without-pdf",
            action="store_true",
            help="leave out the documents to read (quicker; the data and files are all there)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path, result = archive_to_path(
                None, options["slug"], Path(options["out"]), pdfs=not options["without_pdf"]
            )
        except ServiceError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Arkivpaketet {result.package_id} är skrivet till {path}: {result.files} filer, "
            f"{result.size / 1024 / 1024:.1f} MB, {result.seconds:.1f} s."
        )
        for problem in result.not_pdf_a:
            self.stdout.write(f"  Inte PDF/A: {problem['path']}: {problem['reason']}")
