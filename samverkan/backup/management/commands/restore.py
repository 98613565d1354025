from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.backup.services import BackupError, RestoreResult, restore


def number(value: int | None) -> str:
    return "–" if value is None else str(value)


class Command(BaseCommand):
    help = (
        "Restores a backup archive written by manage.py backup into an empty database (of the "
        "same kind: SQLite or PostgreSQL) and MEDIA_ROOT. Checks the whole archive first "
        "(checksums, migrations not newer than this code) and changes nothing when a check "
        "fails. Prints the row count of every table beside the manifest's. Stop the "
        "application and its worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the archive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace a database that is not empty (its uploaded files are moved aside)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore(options["path"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.report(result, verbosity=options["verbosity"])
        if result.mismatches:
            raise CommandError(
                f"Databasen är återställd, men {len(result.mismatches)} tabeller har inte det "
                f"antal rader som manifestet anger: "
                + ", ".join(count.table for count in result.mismatches)
            )

    def report(self, result: RestoreResult, *, verbosity: int) -> None:
        manifest = result.manifest
        seconds = f"{result.seconds:.1f}".replace(".", ",")
        self.stdout.write(
            f"Återställt från {result.path} på {seconds} s (säkerhetskopia från "
            f"{manifest.get('created_at')}, Samverkan {manifest.get('app_version')}, "
            f"{manifest.get('vendor')})."
        )
        if verbosity >= 1:
            width = max([len(count.table) for count in result.counts] + [6])
            self.stdout.write(f"{'Tabell':<{width}}  {'Manifest':>9}  {'Nu':>9}")
            for count in result.counts:
                mark = "" if count.matches else "  ≠ avviker"
                self.stdout.write(
                    f"{count.table:<{width}}  {number(count.expected):>9}  "
                    f"{number(count.actual):>9}{mark}"
                )
        same = len(result.counts) - len(result.mismatches)
        self.stdout.write(
            f"Radantal: {same} av {len(result.counts)} tabeller stämmer med manifestet."
        )
        if result.runs_kept:
            self.stdout.write(
                f"Säkerhetskopior som databasen kände till före återställningen: "
                f"{result.runs_kept}; de finns kvar i dess lista (räknade in ovan)."
            )
        self.stdout.write(f"Uppladdade filer: {result.media_files}.")
        if result.media_moved_to:
            self.stdout.write(
                f"Filerna som fanns i MEDIA_ROOT förut är flyttade till {result.media_moved_to}."
            )
        if result.unapplied:
            self.stdout.write(
                f"Säkerhetskopian är från en äldre version: kör manage.py migrate "
                f"({len(result.unapplied)} migreringar återstår)."
            )
