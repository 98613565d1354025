import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q
from django.utils import timezone

from samverkan.api import services
from samverkan.api.models import ApiToken
from samverkan.core.errors import ServiceError
from samverkan.people.models import Person


class Command(BaseCommand):
    help = (
        "Creates an API token that acts as a person's account and prints it once (--read-only "
        "for one that may only read, --expires for a last day); --revoke PREFIX revokes one, "
        "--list lists them with their scope and state."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", help="the person's (or their account's) e-mail address")
        parser.add_argument("--name", help='who uses the token, e.g. "Intranätet"')
        parser.add_argument(
            "--read-only",
            action="store_true",
            help="a token that may only read (GET); any write through it is refused (403)",
        )
        parser.add_argument(
            "--expires",
            metavar="YYYY-MM-DD",
            help="the token's last day; without it, it works until revoked",
        )
        parser.add_argument("--revoke", metavar="PREFIX", help="revoke the token starting so")
        parser.add_argument("--list", action="store_true", help="list every token")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            self.list_tokens()
        elif options["revoke"]:
            self.revoke(options["revoke"])
        elif options["email"] and options["name"]:
            self.create(
                options["email"],
                options["name"],
                read_only=options["read_only"],
                expires=options["expires"],
            )
        else:
            raise CommandError("Give --email and --name, or --revoke PREFIX, or --list.")

    def create(
        self, email: str, name: str, *, read_only: bool = False, expires: str | None = None
    ) -> None:
        email = email.strip().lower()
        expires_on = None
        if expires:
            try:
                expires_on = datetime.date.fromisoformat(expires.strip())
            except ValueError as exc:
                raise CommandError(f"--expires {expires}: give a date as YYYY-MM-DD.") from exc
        person = (
            Person.objects.filter(Q(user__email__iexact=email) | Q(email__iexact=email))
            .exclude(user=None)
            .select_related("user")
            .first()
        )
        if person is None:
            raise CommandError(f"No person with an account has the e-mail address {email}.")
        try:
            token, plain = services.issue_token(
                None,
                person,
                name=name,
                scope=ApiToken.Scope.READ if read_only else ApiToken.Scope.WRITE,
                expires_on=expires_on,
            )
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        role = "secretariat" if token.is_secretariat else "the person's own roles"
        scope = "read only" if token.read_only else "read and write"
        until = f", until {token.expires_on:%Y-%m-%d}" if token.expires_on else ""
        self.stderr.write(
            f"Token {token.key_prefix}… for {person.name} ({email}), acting with "
            f"{role}, {scope}{until}. It is shown once only; keep it secret:"
        )
        self.stdout.write(plain)

    def revoke(self, prefix: str) -> None:
        token = ApiToken.objects.filter(key_prefix=prefix.strip()[:8]).first()
        if token is None:
            raise CommandError(f"No token starts with {prefix}.")
        if token.revoked_at is not None:
            self.stdout.write(f"Token {token.key_prefix}… was already revoked.")
            return
        services.revoke_token(None, token)
        self.stdout.write(f"Token {token.key_prefix}… ({token.name}) is revoked.")

    def list_tokens(self) -> None:
        today = timezone.localdate()
        for token in ApiToken.objects.select_related("person"):
            state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
            if not token.revoked_at and token.has_expired(today):
                state = f"expired {token.expires_on:%Y-%m-%d}"
            elif not token.revoked_at and token.expires_on:
                state = f"active until {token.expires_on:%Y-%m-%d}"
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never"
            self.stdout.write(
                f"{token.key_prefix}  {token.name}  {token.person.name}  {token.scope}  "
                f"{state}  last used {used}"
            )
