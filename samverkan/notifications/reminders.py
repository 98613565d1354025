"""The daily reminders: one registry that every app adds to (issue 3, item 5).

An app registers a function in its own `<app>/reminders.py` (found by autodiscovery):

    from samverkan.notifications.reminders import daily_reminder

    @daily_reminder
    def remind_year_plans(today: datetime.date) -> None:
        ...notify(..., key=f"n3:{network.pk}:{today.year}:nov")

A reminder must be idempotent for its day: it may run more than once (the command, a
restarted scheduler), so it notifies with keys that name the event, and notify() tells nobody
twice."""

import datetime
import logging
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

Reminder = Callable[[datetime.date], object]
REMINDERS: dict[str, Reminder] = {}


def daily_reminder(func: Reminder) -> Reminder:
    REMINDERS[f"{func.__module__}.{func.__qualname__}"] = func
    return func


# What the sweep (every NOTIFICATIONS_SWEEP_MINUTES, tasks.sweep_notifications) also looks
# after for the rooms above: work a killed worker left half done (issue 17: a nightly refresh
# of the stored verdicts). Each step is cheap when there is nothing to do, and idempotent.
SweepStep = Callable[[], object]
SWEEP_STEPS: dict[str, SweepStep] = {}


def sweep_step(func: SweepStep) -> SweepStep:
    SWEEP_STEPS[f"{func.__module__}.{func.__qualname__}"] = func
    return func


def run_sweep_steps() -> dict[str, object]:
    """Every registered sweep step (one failing does not stop the others): {name: result}."""
    done: dict[str, object] = {}
    for name, func in sorted(SWEEP_STEPS.items()):
        try:
            done[name] = func()
        except Exception:
            logger.exception("sweep step %s failed", name)
            done[name] = "failed"
    return done


def run_daily(today: datetime.date) -> dict:
    """Run every reminder (one failing does not stop the others), then the e-mail sweep."""
    from samverkan.notifications.delivery import sweep_undelivered
    from samverkan.notifications.models import ReminderRun

    errors = []
    for name, func in sorted(REMINDERS.items()):
        try:
            with transaction.atomic():
                func(today)
        except Exception:
            logger.exception("daily reminder %s failed", name)
            errors.append(name)
    sweep = sweep_undelivered(timezone.now())
    try:
        with transaction.atomic():
            ReminderRun.objects.update_or_create(day=today, defaults={"errors": errors})
    except IntegrityError:  # another run for the same day finished meanwhile
        pass
    return {"day": today.isoformat(), "reminders": len(REMINDERS), "errors": errors, **sweep}
