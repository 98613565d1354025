"""A tiny clock for the task worker: the daily reminders once a day, the sweep every few
minutes. It only enqueues; the db_worker runs the tasks.

More than one scheduler may run (one per host, issue 18 §6): each run is claimed first by
inserting a ScheduledRun row (task, slot), in the same transaction as the enqueue (the task
queue is in the same database), so the run is enqueued once whichever schedulers tick."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from samverkan.notifications.models import ReminderRun, ScheduledRun

# Claims older than this are deleted (a day's claim must outlive that day).
KEEP_CLAIMS = datetime.timedelta(days=8)


def claim_and_enqueue(task: str, slot: str, enqueue) -> bool:  # type: ignore[no-untyped-def]
    """Enqueue unless another scheduler already claimed (task, slot); True if this one did."""
    if ScheduledRun.objects.filter(task=task, slot=slot).exists():
        return False  # the usual case for all but one scheduler: no failed insert logged
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(task=task, slot=slot)
            enqueue()
    except IntegrityError:
        return False
    return True


class Scheduler:
    def __init__(self) -> None:
        # The day's claim is looked up on every tick, not remembered: a run whose worker died
        # gives its day back (abandoned.py) and is enqueued again.
        self.last_sweep_slot: int | None = None

    def tick(self, now: datetime.datetime) -> list[str]:
        """Enqueue what is due at `now`; returns the names of the tasks this scheduler
        enqueued (what another scheduler enqueued first is not repeated)."""
        from samverkan.notifications.tasks import run_daily_reminders, sweep_notifications

        done = []
        local = timezone.localtime(now)
        today = local.date()
        if (
            local.hour >= settings.REMINDERS_HOUR
            and not ReminderRun.objects.filter(day=today).exists()
            and claim_and_enqueue(
                "daily", today.isoformat(), lambda: run_daily_reminders.enqueue(today.isoformat())
            )
        ):
            done.append("run_daily_reminders")
            ScheduledRun.objects.filter(claimed_at__lt=now - KEEP_CLAIMS).delete()
        sweep_seconds = settings.NOTIFICATIONS_SWEEP_MINUTES * 60
        slot = int(now.timestamp() // sweep_seconds)
        if slot != self.last_sweep_slot:
            if claim_and_enqueue("sweep", str(slot), sweep_notifications.enqueue):
                done.append("sweep_notifications")
            self.last_sweep_slot = slot
        return done
