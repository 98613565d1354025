"""Prints the current six-digit code for a TOTP secret, for trying the demo's second factor
without an authenticator app (`make run` says when to use it). It reads no account and
stores nothing: it is what an authenticator app would show for the secret given."""

from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone


class Command(BaseCommand):
    help = "Skriver ut den aktuella engångskoden (TOTP) för en hemlighet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("secret", help="the secret shown as text on the set-up page")

    def handle(self, *args: Any, **options: Any) -> None:
        from allauth.mfa import app_settings

        secret = "".join(options["secret"].split()).upper()
        counter = int(timezone.now().timestamp()) // app_settings.TOTP_PERIOD
        try:
            code = format_hotp_value(hotp_value(secret, counter))
        except ValueError as exc:
            raise CommandError("Hemligheten är inte giltig (base32, A–Z och 2–7).") from exc
        self.stdout.write(code)
