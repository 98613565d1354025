"""The nightly refresh of every stored verdict: the date moves every rule's as-of day, and
some rules turn on a threshold day (N3 from 1 November, the new year on 1 January)."""

import datetime

from django.db import transaction
from django.db.models import Max, Q
from django.tasks import TaskResultStatus
from django.utils import timezone

from samverkan.compliance.models import VerdictRun
from samverkan.notifications.reminders import daily_reminder, sweep_step


@daily_reminder
def refresh_verdicts(today: datetime.date) -> None:
    from samverkan.compliance.tasks import refresh_all_verdicts

    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    if VerdictRun.objects.filter(
        kind=VerdictRun.Kind.NIGHTLY, started_at__gte=start, finished_at__isnull=False
    ).exists():
        return  # a reminder may run twice a day; the refresh is done once
    # The daily reminders run in one transaction each; the refresh runs in its own batches,
    # in the worker, once this one commits.
    transaction.on_commit(
        lambda: refresh_all_verdicts.enqueue(VerdictRun.Kind.NIGHTLY), robust=True
    )


@sweep_step
def resume_killed_refresh() -> bool:
    """A refresh whose worker was killed (nothing moved for COMPLIANCE_RUN_STALE_MINUTES) is
    resumed by the next sweep, not only by the next write or the next night: enqueued once,
    unless a refresh is already waiting or running. True when it was enqueued."""
    from django_tasks_db.models import DBTaskResult

    from samverkan.compliance import stored
    from samverkan.compliance.tasks import refresh_all_verdicts

    stopped = stored.killed_runs().aggregate(last=Max("updated_at"))["last"]
    if stopped is None:
        return False
    # Waiting, or started since the killed run stopped moving (a resumption under way); the
    # killed worker's own task stays RUNNING from before that, for ever.
    under_way = DBTaskResult.objects.filter(task_path=refresh_all_verdicts.module_path).filter(
        Q(status=TaskResultStatus.READY)
        | Q(status=TaskResultStatus.RUNNING, started_at__gt=stopped)
    )
    if under_way.exists():
        return False
    refresh_all_verdicts.enqueue(VerdictRun.Kind.NIGHTLY)
    return True
