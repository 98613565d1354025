"""Tasks left RUNNING by a worker that died (issue 18 §3).

django-tasks-db marks a task running when a worker claims it and finished when the worker is
done; a worker killed in between (kill -9, a lost host) leaves it running for ever, and nothing
in the backend notices. Workers keep no heartbeat, so age is the only sign: a task running for
longer than TASKS_ABANDONED_MINUTES (longer than any task takes) is marked failed, with a
traceback text that says why. The work itself is not lost: every task here is idempotent and
the sweep does what a dead delivery left (notices stuck in `sending`); a daily-reminders run
that died gives its day back to the scheduler, which enqueues it again."""

import datetime

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samverkan.notifications.models import ScheduledRun

ABANDONED = "samverkan.notifications.abandoned.WorkerLost"
DAILY_TASK = "samverkan.notifications.tasks.run_daily_reminders"


class WorkerLost(Exception):
    """The worker running the task stopped without finishing it."""


def fail_abandoned_tasks(now: datetime.datetime | None = None) -> int:
    """Mark tasks running since before the limit as failed; returns how many."""
    now = now or timezone.now()
    before = now - datetime.timedelta(minutes=settings.TASKS_ABANDONED_MINUTES)
    with transaction.atomic():
        stale = DBTaskResult.objects.select_for_update(skip_locked=True).filter(
            status=TaskResultStatus.RUNNING, started_at__lt=before
        )
        rows = list(stale.values_list("pk", "task_path", "args_kwargs", "worker_ids"))
        for pk, task_path, args_kwargs, worker_ids in rows:
            worker = worker_ids[-1] if worker_ids else "?"
            DBTaskResult.objects.filter(pk=pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=ABANDONED,
                traceback=(
                    f"{ABANDONED}: worker {worker} did not finish the task within "
                    f"{settings.TASKS_ABANDONED_MINUTES} minutes; it is taken to have died.\n"
                ),
            )
            if task_path == DAILY_TASK:
                day = (args_kwargs.get("args") or [None])[0] or args_kwargs.get("kwargs", {}).get(
                    "day"
                )
                ScheduledRun.objects.filter(task="daily", slot=str(day)).delete()
    return len(rows)
