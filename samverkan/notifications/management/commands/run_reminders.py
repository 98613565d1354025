import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from samverkan.notifications.reminders import run_daily


class Command(BaseCommand):
    help = "Run the daily reminders (and the e-mail sweep) for a day, today by default."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--date", help="YYYY-MM-DD")

    def handle(self, *args: object, **options: object) -> None:
        raw = options.get("date")
        try:
            day = datetime.date.fromisoformat(str(raw)) if raw else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date: {error}") from error
        result = run_daily(day)
        self.stdout.write(
            f"{result['day']}: {result['reminders']} reminders, errors {result['errors']}, "
            f"sent {result['sent']}"
        )
        if result["errors"]:
            raise CommandError(f"failed: {', '.join(result['errors'])}")
