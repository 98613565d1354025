import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone, translation

from samverkan.people.models import Person
from samverkan.records.extract.pdf import extract_pdf
from samverkan.records.extract.selectors import register_extract
from samverkan.records.extract.services import record_extract


class Command(BaseCommand):
    help = (
        "A person's register extract (GDPR art. 15): everything the system holds about them, "
        "as JSON or as a PDF in the cooperation's profile. The person is found by the e-mail "
        "address of the person or of their account, or by id (an ended person has no address). "
        "Each extract is noted in the person's history."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--email", help="the person's (or their account's) e-mail address")
        who.add_argument("--person", type=int, help="the person's id in the register")
        parser.add_argument("--format", choices=["json", "pdf"], default="json")
        parser.add_argument(
            "--out", type=Path, help="the file to write (JSON: standard output without it)"
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="the language of the titles and texts",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        person = self._person(options["email"], options["person"])
        fmt, out = options["format"], options["out"]
        if fmt == "pdf" and out is None:
            raise CommandError("Ange --out FIL för en PDF.")
        if out is not None and not out.parent.is_dir():
            raise CommandError(f"Mappen {out.parent} finns inte.")
        with translation.override(options["language"]):
            document = register_extract(person)
            if fmt == "pdf":
                data = extract_pdf(document, timezone.localdate())
            else:
                data = json.dumps(
                    document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
                ).encode()
        record_extract(None, person, fmt=fmt)
        if out is None:
            self.stdout.write(data.decode())
            return
        out.write_bytes(data)
        self.stderr.write(
            f"Registerutdrag för {person.name} skrivet till {out} ({len(data)} byte)."
        )

    def _person(self, email: str | None, pk: int | None) -> Person:
        if pk is not None:
            found = Person.objects.filter(pk=pk).first()
            if found is None:
                raise CommandError(f"Ingen person har id {pk}.")
            return found
        address = (email or "").strip().lower()
        if not address:
            raise CommandError("Ange en e-postadress.")
        people = list(
            Person.objects.filter(Q(email__iexact=address) | Q(user__email__iexact=address))[:2]
        )
        if not people:
            raise CommandError(f"Ingen person har e-postadressen {address}.")
        if len(people) > 1:
            raise CommandError(
                f"Flera personer har e-postadressen {address}; ange --person med id: "
                + ", ".join(str(p.pk) for p in people)
            )
        return people[0]
