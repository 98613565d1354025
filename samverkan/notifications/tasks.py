"""Background work for notices, run by the django-tasks database worker (`db_worker`)."""

import datetime

from django.tasks import task
from django.utils import timezone

from samverkan.notifications import abandoned, delivery, reminders


@task()
def deliver_notification(notification_id: int) -> str:
    """E-mail one notice; a second run, or a run after the sweep sent it, sends nothing."""
    return delivery.deliver(notification_id)


@task()
def deliver_digest(digest_id: int) -> str:
    """E-mail one person's daily digest (digest.py); a second run sends nothing."""
    return delivery.deliver_digest(digest_id)


@task()
def sweep_notifications() -> dict:
    """The e-mail sweep, tasks left running by a worker that died marked failed, and what the
    rooms' sweep steps pick up (reminders.sweep_step)."""
    abandoned_tasks = abandoned.fail_abandoned_tasks()
    return {
        **delivery.sweep_undelivered(),
        "abandoned_tasks": abandoned_tasks,
        "steps": reminders.run_sweep_steps(),
    }


@task()
def run_daily_reminders(day: str | None = None) -> dict:
    """Every registered daily reminder for `day` (ISO date; today by default), then the sweep."""
    today = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return reminders.run_daily(today)
