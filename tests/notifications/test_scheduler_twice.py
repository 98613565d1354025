"""Two schedulers (one per host, issue 18 §6) enqueue each run once."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samverkan.notifications.scheduler import Scheduler

DAILY = "samverkan.notifications.tasks.run_daily_reminders"
SWEEP = "samverkan.notifications.tasks.sweep_notifications"


def _paths() -> list[str]:
    return list(DBTaskResult.objects.values_list("task_path", flat=True))


def test_two_schedulers_ticking_in_turn_enqueue_each_run_once(db, settings):
    settings.REMINDERS_HOUR = 6
    settings.NOTIFICATIONS_SWEEP_MINUTES = 5
    start = timezone.make_aware(datetime.datetime(2026, 11, 3, 5, 58))
    first, second = Scheduler(), Scheduler()
    for minute in range(0, 26 * 60, 2):  # 26 hours of ticks every 2 minutes, both schedulers
        now = start + datetime.timedelta(minutes=minute)
        first.tick(now)
        second.tick(now + datetime.timedelta(seconds=1))
    paths = _paths()
    assert paths.count(DAILY) == 2  # 3 and 4 November
    assert paths.count(SWEEP) == 26 * 60 // 5 + 1  # every 5-minute slot from 05:55 once


@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_the_same_moment_enqueue_the_day_once(settings):
    """Threads with their own database connections, released at once by a barrier."""
    settings.REMINDERS_HOUR = 0
    now = timezone.now()
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait(5)
            Scheduler().tick(now)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    paths = _paths()
    assert (paths.count(DAILY), paths.count(SWEEP)) == (1, 1)
