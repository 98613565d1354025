"""Reads for the lifecycle panel of the secretariat's dashboard (SPEC §5: alerts, started and
closed networks this year), in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from samverkan.cooperation.models import Municipality
from samverkan.networks.lifecycle.activity import inactive_networks
from samverkan.networks.lifecycle.starting import majority_of
from samverkan.networks.models import Network, Question


@dataclass
class LifecyclePanel:
    proposals: list[dict[str, Any]] = field(default_factory=list)
    inactive: list[tuple[Network, datetime.date]] = field(default_factory=list)
    started: list[Network] = field(default_factory=list)
    closed: list[Network] = field(default_factory=list)
    open_questions: int = 0


def dashboard_lifecycle(today: datetime.date) -> LifecyclePanel:
    members = Municipality.objects.members_on(today)
    member_ids = list(members.values_list("pk", flat=True))
    proposals = (
        Network.objects.filter(status__in=(Network.Status.PROPOSED, Network.Status.STARTING))
        .annotate(
            yes=Count(
                "participations",
                filter=Q(
                    participations__answer="yes",
                    participations__municipality_id__in=member_ids,
                ),
            )
        )
        .order_by("proposed_on", "name")
    )
    year = today.year
    return LifecyclePanel(
        proposals=[
            {"network": n, "yes": n.yes, "needed": majority_of(len(member_ids))} for n in proposals
        ],
        inactive=inactive_networks(today),
        started=list(
            Network.objects.filter(started_on__year=year)
            .exclude(status="proposed")
            .order_by("name")
        ),
        closed=list(Network.objects.filter(closed_on__year=year).order_by("name")),
        open_questions=Question.objects.filter(answered_at__isnull=True).count(),
    )
