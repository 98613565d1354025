"""Reads of a municipality's part in the networks, for its page and its API route (SPEC §5)."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from samverkan.cooperation.models import Municipality
from samverkan.networks.lifecycle.starting import OPEN_PROPOSAL
from samverkan.networks.models import Membership, Network, Participation
from samverkan.people.models import Person


@dataclass(frozen=True)
class MunicipalityNetworks:
    """The networks a municipality joined, by where it stands today, each by network name."""

    current: list[Participation]  # taking part, in networks that have not closed
    left: list[Participation]  # left before today
    closed: list[Participation]  # took part until the network closed


def municipality_networks(municipality: Municipality, today: datetime.date) -> MunicipalityNetworks:
    """One query."""
    rows = list(
        Participation.objects.filter(municipality=municipality, joined_on__isnull=False)
        .select_related("network__area")
        .order_by("network__name")
    )
    return MunicipalityNetworks(
        current=[
            p
            for p in rows
            if p.network.status != Network.Status.CLOSED
            and (p.left_on is None or p.left_on >= today)
        ],
        left=[p for p in rows if p.left_on is not None and p.left_on < today],
        closed=[p for p in rows if p.network.status == Network.Status.CLOSED and p.left_on is None],
    )


def pending_consultations(municipality: Municipality) -> list[Participation]:
    """Invitations to networks still starting that the municipality has not answered, oldest
    first."""
    return list(
        Participation.objects.filter(
            municipality=municipality,
            invited_on__isnull=False,
            answer="",
            network__status__in=OPEN_PROPOSAL,
        )
        .select_related("network")
        .order_by("invited_on")
    )


def people_register(
    *, q: str, municipality: Municipality | None, today: datetime.date
) -> QuerySet[Person]:
    """The secretariat's list of people (not anonymised), by name, each with their roles in the
    networks that have not closed, as of today (`current_memberships`); three queries in all."""
    people = Person.objects.filter(anonymised_on__isnull=True)
    for term in q.split()[:8]:
        people = people.filter(Q(name__icontains=term) | Q(email__icontains=term))
    if municipality is not None:
        people = people.filter(municipality=municipality)
    memberships = (
        Membership.objects.on(today)
        .exclude(network__status=Network.Status.CLOSED)
        .select_related("network")
        .order_by("network__name", "role")
    )
    return (
        people.select_related("municipality", "organisation", "user")
        .prefetch_related(Prefetch("memberships", memberships, to_attr="current_memberships"))
        .order_by("name", "pk")
    )
