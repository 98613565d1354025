"""Reads for the lifecycle panel of the secretariat's dashboard (SPEC §5: alerts, started and
closed networks this year), in a fixed number of queries and bounded (issue 17): each list is
counted in SQL and shows its first few, the rest on the list's own page (dashboard/urls.py)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from samverkan.cooperation.models import Municipality
from samverkan.history.models import HistoryEntry
from samverkan.networks.lifecycle.activity import (
    INACTIVE_AFTER_DAYS,
    _activity_filter,
    last_activity,
)
from samverkan.networks.lifecycle.starting import majority_of
from samverkan.networks.models import Network, Question

# How many of each list the panel shows; the panel links to the whole list past that.
PANEL_ROWS = 10


@dataclass
class Shown:
    """The first rows of a list and how many there are in all."""

    rows: list[Any] = field(default_factory=list)
    total: int = 0

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)


@dataclass
class LifecyclePanel:
    proposals: Shown
    inactive: Shown  # rows: (network, day of its last activity)
    started: Shown
    closed: Shown
    open_questions: int = 0


def _day_bounds(first: datetime.date, last: datetime.date) -> tuple[Any, Any]:
    """Local days `first`..`last` as aware datetimes: history and meetings keep UTC."""
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last, datetime.time.max))
    return start, end


def inactive_queryset(today: datetime.date) -> QuerySet[Network]:
    """C1 in SQL: the active networks without activity in the last 12 months (the same test
    as activity.is_inactive over activity.last_activity, as NOT EXISTS subqueries): no
    activity from `today` − 365 days to `today`, and some activity (or the start) before."""
    since = today - datetime.timedelta(days=INACTIVE_AFTER_DAYS)
    start, end = _day_bounds(since, today)
    history = HistoryEntry.objects.filter(_activity_filter(), network_id=OuterRef("pk"))
    recent: Any = ~Exists(history.filter(timestamp__gte=start, timestamp__lte=end))
    ever: Any = Exists(history.filter(timestamp__lte=end)) | Q(started_on__lte=today)
    try:
        meeting = apps.get_model("meetings.Meeting")
    except LookupError:
        meeting = None
    if meeting is not None:
        meetings = meeting.objects.filter(network_id=OuterRef("pk"), starts_at__lte=end)
        recent &= ~Exists(meetings.filter(starts_at__gte=start))
        ever |= Exists(meetings)
    return (
        Network.objects.filter(status=Network.Status.ACTIVE)
        .exclude(started_on__gte=since, started_on__lte=today)
        .filter(recent)
        .filter(ever)
        .order_by("name", "pk")
    )


def proposals_queryset(today: datetime.date) -> QuerySet[Network]:
    """Proposals under way, each with its yes answers from member municipalities (`yes`)."""
    return (
        Network.objects.filter(status__in=(Network.Status.PROPOSED, Network.Status.STARTING))
        .annotate(
            yes=Count(
                "participations",
                filter=Q(
                    participations__answer="yes",
                    participations__municipality__in=Municipality.objects.members_on(today),
                ),
            )
        )
        .order_by("proposed_on", "name", "pk")
    )


def started_queryset(today: datetime.date) -> QuerySet[Network]:
    return (
        Network.objects.filter(started_on__year=today.year)
        .exclude(status=Network.Status.PROPOSED)
        .order_by("name", "pk")
    )


def closed_queryset(today: datetime.date) -> QuerySet[Network]:
    return Network.objects.filter(closed_on__year=today.year).order_by("name", "pk")


def _shown(qs: QuerySet[Network], limit: int) -> Shown:
    return Shown(rows=list(qs[:limit]), total=qs.count())


def with_last_activity(
    networks: list[Network], today: datetime.date
) -> list[tuple[Network, datetime.date | None]]:
    last = last_activity([n.pk for n in networks], today)
    return [(n, last.get(n.pk)) for n in networks]


def proposal_rows(networks: list[Network], today: datetime.date) -> list[dict[str, Any]]:
    needed = majority_of(Municipality.objects.members_on(today).count())
    return [{"network": n, "yes": n.yes, "needed": needed} for n in networks]  # type: ignore[attr-defined]


def dashboard_lifecycle(today: datetime.date, *, limit: int = PANEL_ROWS) -> LifecyclePanel:
    proposals = _shown(proposals_queryset(today), limit)
    proposals.rows = proposal_rows(proposals.rows, today)
    inactive = _shown(inactive_queryset(today), limit)
    inactive.rows = with_last_activity(inactive.rows, today)
    return LifecyclePanel(
        proposals=proposals,
        inactive=inactive,
        started=_shown(started_queryset(today), limit),
        closed=_shown(closed_queryset(today), limit),
        open_questions=Question.objects.filter(answered_at__isnull=True).count(),
    )
