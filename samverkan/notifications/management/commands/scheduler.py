import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from samverkan.notifications.scheduler import Scheduler


class Command(BaseCommand):
    help = "Enqueue the daily reminders once a day and the e-mail sweep every few minutes."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--interval", type=int, default=60, help="seconds between ticks")
        parser.add_argument("--once", action="store_true", help="one tick, then exit")

    def handle(self, *args: object, **options: object) -> None:
        try:
            self._run(options)
        except KeyboardInterrupt:  # Ctrl-C ends the scheduler: no traceback (issue 18, §1)
            self.stdout.write("scheduler stopped")

    def _run(self, options: dict[str, object]) -> None:
        scheduler = Scheduler()
        while True:
            for name in scheduler.tick(timezone.now()):
                self.stdout.write(f"enqueued {name}")
            if options["once"]:
                return
            time.sleep(int(options["interval"]))  # type: ignore[call-overload]
