"""Reads for the lifecycle panel of the secretariat's dashboard (SPEC §5: alerts, started and
closed networks this year), in a fixed number of queries and bounded (issue 17): each list is
counted in SQL and shows its first few, the rest on the list's own page (dashboard/urls.py)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from samverkan.cooperation.models import Municipality
from samverkan.networks.lifecycle.activity import inactive_queryset, last_activity
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


# inactive_queryset (C1's list) is activity's own SQL, imported above: one meaning of
# "activity" for the rule, the reminder and the dashboard (issue 16, point 7).


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
