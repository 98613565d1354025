from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from samverkan.imports.reading import AUTO, Source
from samverkan.imports.services import import_register
from samverkan.imports.sheets import SHEETS
from samverkan.people.models import User


class Command(BaseCommand):
    help = (
        "Imports the register (networks, people, memberships, management contacts) from the "
        "template workbook (.xlsx) or CSV files, one sheet each. Prints the report of every bad "
        "row and of what changes; a file with any bad row is refused whole and the command "
        "exits with status 1. Without --send-invitations nothing is e-mailed (the notices are "
        "kept for the inboxes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="the .xlsx or .csv file(s)")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, write nothing"
        )
        parser.add_argument(
            "--send-invitations",
            action="store_true",
            help="e-mail the activations and notices now (default: inbox only, none queued)",
        )
        parser.add_argument(
            "--sheet",
            choices=[s.key for s in SHEETS],
            default=AUTO,
            help="the sheet a CSV file is (default: told by its heading row)",
        )
        parser.add_argument(
            "--as",
            dest="actor",
            metavar="EMAIL",
            help="the secretariat's account the history names (default: the only active "
            "superuser or secretariat account)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sources = []
        for path in options["files"]:
            if not path.is_file():
                raise CommandError(f"Filen {path} finns inte.")
            sources.append(Source(path.name, path.read_bytes()))
        actor = self.actor(options["actor"])
        report = import_register(
            actor,
            sources,
            dry_run=options["dry_run"],
            send_invitations=options["send_invitations"],
            csv_sheet=options["sheet"],
        )
        for line in report.lines():
            self.stdout.write(line)
        if report.applied and report.invitations:
            how = "e-post" if report.send_invitations else "bara inkorgen, ingen e-post"
            self.stdout.write(f"Aktiveringsmeddelanden: {report.invitations} ({how}).")
        if not report.ok:
            raise CommandError(
                f"Filen avvisades: {report.bad_rows} felaktiga rader. Ingenting har sparats."
            )

    def actor(self, email: str | None) -> User:
        accounts = User.objects.filter(is_active=True)
        if email:
            user = accounts.filter(email__iexact=email.strip()).first()
            if user is None:
                raise CommandError(f"Det finns inget aktivt konto med adressen {email}.")
            return user
        candidates = list(
            accounts.filter(Q(is_superuser=True) | Q(person__is_secretariat=True)).distinct()[:2]
        )
        if len(candidates) != 1:
            raise CommandError(
                "Ange med --as E-POST vilket konto i sekretariatet som importerar "
                "(historiken namnger det)."
            )
        return candidates[0]
