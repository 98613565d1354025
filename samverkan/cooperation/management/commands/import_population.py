from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.cooperation.population import PopulationFileError
from samverkan.cooperation.services import import_population


class Command(BaseCommand):
    help = (
        "Imports population figures: the register's CSV (code, name, population, "
        "population_date, population_source, like cooperation/data/municipalities.csv), or "
        "SCB's table BE0101N1 (folkmängd per kommun) as Statistikdatabasen gives it: CSV, "
        "JSON-stat or PxWeb JSON. A file with any bad line, an unknown municipality code or a "
        "name that is not the register's is refused whole (exit status 1); nothing is written."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the CSV or JSON file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, write nothing"
        )
        parser.add_argument(
            "--accept-names",
            action="store_true",
            help="import figures whose municipality name differs from the register's "
            "(the register keeps its name; the differences are listed)",
        )
        parser.add_argument(
            "--skip-unknown",
            action="store_true",
            help="leave aside (and list) codes of an SCB file that the register does not know, "
            "e.g. when the file covers all of Skåne",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        try:
            result = import_population(
                None,
                path,
                dry_run=options["dry_run"],
                accept_names=options["accept_names"],
                skip_unknown=options["skip_unknown"],
            )
        except PopulationFileError as exc:
            if exc.form:
                self.stdout.write(f"Läst som: {exc.form}.")
            for error in exc.errors:
                self.stderr.write(str(error))
            for hint in exc.hints:
                self.stderr.write(hint)
            raise CommandError(
                f"Filen {path} avvisades med {len(exc.errors)} fel; ingenting har sparats."
            ) from exc
        self.stdout.write(result.summary())
