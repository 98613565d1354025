from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.backup.archive import size_text
from samverkan.backup.services import BackupError, backup


class Command(BaseCommand):
    help = (
        "Writes one backup archive (.tar.gz): the database (SQLite: its online backup API; "
        "PostgreSQL: pg_dump --format=custom), the uploaded files (MEDIA_ROOT) and a manifest "
        "with the app version, the applied migrations, the row count of every table and the "
        "SHA-256 of each part. PATH is the file, or a folder to put a file named for the time in. "
        "Safe while the application runs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive to write, or a folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup(options["path"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        seconds = f"{result.seconds:.1f}".replace(".", ",")
        self.stdout.write(
            f"Säkerhetskopian är skriven: {result.path}\n"
            f"  {size_text(result.size)} på {seconds} s; "
            f"{len(result.tables)} tabeller med {result.rows} rader, "
            f"{result.media.files} uppladdade filer ({size_text(result.media.bytes)})\n"
            f"  SHA-256 {result.sha256}"
        )
        if not result.recorded:
            self.stderr.write(
                "Databasen saknar tabellen för säkerhetskopiorna (kör manage.py migrate), så "
                "kopian syns inte i administrationen."
            )
