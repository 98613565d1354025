"""The networks room's part of a person's register extract (issue 15 §1): the person's roles
in every network with their periods, and the networks they proposed."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from samverkan.networks.models import Membership, Network, YearPlanComment
from samverkan.people.extract import day, extract_part, history_subjects, moment, text
from samverkan.people.models import Person


@extract_part(
    "memberships",
    _("Roller i nätverken"),
    order=30,
    labels={
        "network": _("Nätverk"),
        "role": _("Roll"),
        "municipality": _("För kommun"),
        "start_on": _("Från"),
        "end_on": _("Till"),
    },
)
def memberships(person: Person) -> list[dict[str, Any]]:
    rows = (
        Membership.objects.filter(person=person)
        .select_related("network", "municipality")
        .order_by("network__name", "start_on", "pk")
    )
    return [
        {
            "network": m.network.name,
            "role": text(m.get_role_display()),
            "municipality": text(m.municipality),
            "start_on": day(m.start_on),
            "end_on": day(m.end_on),
        }
        for m in rows
    ]


@extract_part(
    "proposed_networks",
    _("Föreslagna nätverk"),
    order=32,
    labels={"network": _("Nätverk"), "proposed_on": _("Föreslaget"), "reason": _("Varför")},
)
def proposed_networks(person: Person) -> list[dict[str, Any]]:
    rows = Network.objects.filter(proposed_by=person).order_by("proposed_on", "pk")
    return [
        {"network": n.name, "proposed_on": day(n.proposed_on), "reason": n.proposal_reason}
        for n in rows
    ]


@extract_part(
    "plan_comments",
    _("Kommentarer till årsplaner"),
    order=34,
    labels={
        "network": _("Nätverk"),
        "year": _("År"),
        "written_at": _("Skriven"),
        "text": _("Text"),
    },
)
def plan_comments(person: Person) -> list[dict[str, Any]]:
    """Issue 16 part A: what the person wrote on a draft year plan."""
    rows = YearPlanComment.objects.filter(author=person).select_related("network", "plan")
    return [
        {
            "network": c.network.name,
            "year": c.plan.year,
            "written_at": moment(c.created_at),
            "text": c.text,
        }
        for c in rows.order_by("created_at", "pk")
    ]


@history_subjects
def membership_rows(person: Person) -> list[tuple[type[Membership], list[int]]]:
    return [(Membership, list(person.memberships.order_by().values_list("pk", flat=True)))]
