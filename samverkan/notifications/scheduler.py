"""A tiny clock for the task worker: the daily reminders once a day, the sweep every few
minutes. It only enqueues; the db_worker runs the tasks."""

import datetime

from django.conf import settings
from django.utils import timezone

from samverkan.notifications.models import ReminderRun


class Scheduler:
    def __init__(self) -> None:
        self.enqueued_day: datetime.date | None = None
        self.last_sweep: datetime.datetime | None = None

    def tick(self, now: datetime.datetime) -> list[str]:
        """Enqueue what is due at `now`; returns the names of the tasks enqueued."""
        from samverkan.notifications.tasks import run_daily_reminders, sweep_notifications

        done = []
        local = timezone.localtime(now)
        today = local.date()
        if (
            local.hour >= settings.REMINDERS_HOUR
            and self.enqueued_day != today
            and not ReminderRun.objects.filter(day=today).exists()
        ):
            run_daily_reminders.enqueue(today.isoformat())
            self.enqueued_day = today
            done.append("run_daily_reminders")
        sweep_every = datetime.timedelta(minutes=settings.NOTIFICATIONS_SWEEP_MINUTES)
        if self.last_sweep is None or now - self.last_sweep >= sweep_every:
            sweep_notifications.enqueue()
            self.last_sweep = now
            done.append("sweep_notifications")
        return done
