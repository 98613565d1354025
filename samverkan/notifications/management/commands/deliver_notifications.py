from django.core.management.base import BaseCommand

from samverkan.notifications.delivery import sweep_undelivered


class Command(BaseCommand):
    help = "E-mail every notice not yet sent (pending, or stuck in sending after a crash)."

    def handle(self, *args: object, **options: object) -> None:
        counts = sweep_undelivered()
        self.stdout.write(
            f"sent {counts['sent']}, failed {counts['failed']}, released {counts['released']}"
        )
