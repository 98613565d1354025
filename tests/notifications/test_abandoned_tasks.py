"""Tasks left RUNNING by a worker that died are marked failed by the sweep (issue 18 §3)."""

import datetime

from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samverkan.notifications import abandoned
from samverkan.notifications.models import ScheduledRun
from samverkan.notifications.tasks import run_daily_reminders, sweep_notifications


def _running(task, *args, started_minutes_ago: int) -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=task.enqueue(*args).id)
    result.claim("worker-that-died")
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago)
    )
    return result


def test_task_left_running_by_a_dead_worker_is_marked_failed(db, settings):
    settings.TASKS_ABANDONED_MINUTES = 60
    dead = _running(sweep_notifications, started_minutes_ago=61)
    busy = _running(sweep_notifications, started_minutes_ago=5)
    assert abandoned.fail_abandoned_tasks() == 1
    dead.refresh_from_db()
    busy.refresh_from_db()
    assert dead.status == TaskResultStatus.FAILED
    assert dead.exception_class_path == abandoned.ABANDONED
    assert "worker-that-died" in dead.traceback
    assert dead.finished_at is not None
    assert busy.status == TaskResultStatus.RUNNING
    assert abandoned.fail_abandoned_tasks() == 0


def test_a_dead_daily_run_gives_its_day_back_to_the_scheduler(db, settings):
    from samverkan.notifications.scheduler import Scheduler

    settings.REMINDERS_HOUR = 0
    now = timezone.now()
    day = timezone.localdate(now).isoformat()
    assert "run_daily_reminders" in Scheduler().tick(now)
    DBTaskResult.objects.filter(task_path=abandoned.DAILY_TASK).delete()
    _running(run_daily_reminders, day, started_minutes_ago=120)
    assert "run_daily_reminders" not in Scheduler().tick(now)  # claimed, apparently running
    assert abandoned.fail_abandoned_tasks() == 1
    assert not ScheduledRun.objects.filter(task="daily", slot=day).exists()
    assert "run_daily_reminders" in Scheduler().tick(now)


def test_the_sweep_task_reports_abandoned_tasks(db):
    _running(sweep_notifications, started_minutes_ago=24 * 60)
    assert sweep_notifications.call()["abandoned_tasks"] == 1
