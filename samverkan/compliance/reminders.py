"""The nightly refresh of every stored verdict: the date moves every rule's as-of day, and
some rules turn on a threshold day (N3 from 1 November, the new year on 1 January)."""

import datetime

from django.db import transaction
from django.utils import timezone

from samverkan.compliance.models import VerdictRun
from samverkan.notifications.reminders import daily_reminder


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
