from django.core.management.base import BaseCommand

from samverkan.notifications.abandoned import fail_abandoned_tasks
from samverkan.notifications.delivery import sweep_undelivered


class Command(BaseCommand):
    help = (
        "E-mail every notice due (pending, a retry's turn, or stuck in sending after a crash) "
        "and mark tasks left running by a dead worker as failed."
    )

    def handle(self, *args: object, **options: object) -> None:
        abandoned = fail_abandoned_tasks()
        counts = sweep_undelivered()
        self.stdout.write(
            f"sent {counts['sent']}, failed {counts['failed']}, released {counts['released']}, "
            f"abandoned tasks {abandoned}"
        )
