from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.cooperation.population import PopulationFileError
from samverkan.cooperation.services import import_population


class Command(BaseCommand):
    help = (
        "Imports SCB population figures from a CSV file with the columns code, name, "
        "population, population_date, population_source (like cooperation/data/"
        "municipalities.csv). A file with any bad line is refused whole."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the CSV file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, write nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"Filen {path} finns inte.")
        try:
            result = import_population(None, path, dry_run=options["dry_run"])
        except PopulationFileError as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Filen {path} avvisades med {len(exc.errors)} fel; ingenting har sparats."
            ) from exc
        self.stdout.write(result.summary())
