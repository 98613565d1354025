"""Queries that read networks, shaped for the catalogue, a network's page and the API.
Each owns its eager loading so that pages stay flat in queries (STYLE habit 6)."""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from samverkan.history.models import HistoryEntry
from samverkan.history.selectors import network_history
from samverkan.networks import access
from samverkan.networks.models import Membership, Network, Participation, YearPlan


@dataclass
class CatalogueFilters:
    q: str = ""
    municipality: str = ""
    area: str = ""
    development_area: str = ""
    status: str = Network.Status.ACTIVE


def catalogue_networks(
    *, viewer: Any, filters: CatalogueFilters, today: datetime.date
) -> QuerySet[Network]:
    """The networks a viewer may see in the catalogue, filtered, with the current plan,
    coordinators and participating municipalities prefetched (the API lists them all)."""
    return catalogue_matches(viewer=viewer, filters=filters, today=today).prefetch_related(
        *network_prefetches(today)
    )


def catalogue_matches(
    *, viewer: Any, filters: CatalogueFilters, today: datetime.date
) -> QuerySet[Network]:
    """The networks a viewer may see in the catalogue, filtered, by name, with their area and
    nothing else loaded."""
    qs = Network.objects.filter(in_catalogue=True).select_related("area")
    allowed = [s.value for s in Network.Status]
    if not getattr(viewer, "is_authenticated", False):
        allowed = [Network.Status.ACTIVE, Network.Status.CLOSED]
    if filters.status in allowed:
        qs = qs.filter(status=filters.status)
    elif filters.status == "all":
        qs = qs.filter(status__in=allowed)
    else:
        qs = qs.filter(status=Network.Status.ACTIVE)
    by_people = access.can_see_contacts(viewer)  # N6: who takes part is for signed-in readers
    for term in filters.q.lower().split()[:8]:
        found = Q(search_text__contains=term)
        if by_people:  # "Karin Lindqvist": the networks where she is a member or coordinator
            found |= Q(
                pk__in=Membership.objects.on(today)
                .filter(person__name__icontains=term)
                .values("network_id")
            )
        qs = qs.filter(found)
    if filters.area:
        qs = qs.filter(area__slug=filters.area)
    if filters.municipality:
        qs = qs.filter(
            pk__in=Participation.objects.on(today)
            .filter(municipality__slug=filters.municipality)
            .values("network_id")
        )
    if filters.development_area:
        qs = qs.filter(
            pk__in=YearPlan.objects.filter(
                year=today.year, development_areas__slug=filters.development_area
            ).values("network_id")
        )
    return qs.order_by("name")


@dataclass
class CatalogueEntry:
    """What the catalogue page (and its file) shows of one network: counts and the current
    plan come as annotations of the network's own query, not as prefetched rows."""

    network: Network
    municipality_count: int
    plan_year: int | None
    plan_purpose: str
    coordinators: list[str] = field(default_factory=list)


def catalogue_page_networks(
    *, viewer: Any, filters: CatalogueFilters, today: datetime.date
) -> QuerySet[Network]:
    """catalogue_matches with the number of participating municipalities and the current
    plan's year and purpose annotated: one query for a page, whatever the participations."""
    return with_catalogue_figures(
        catalogue_matches(viewer=viewer, filters=filters, today=today), today=today
    )


def catalogue_page_of(ids: list[int], *, today: datetime.date) -> list[Network]:
    """The networks of one catalogue page, in the page's order, annotated as
    catalogue_page_networks: the page's ids come first (LIMIT/OFFSET over the index, nothing
    computed for the rows OFFSET skips), then the counts and the plan for those rows only."""
    if not ids:
        return []
    rows = with_catalogue_figures(
        Network.objects.filter(pk__in=ids).select_related("area"), today=today
    )
    by_pk = {n.pk: n for n in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def with_catalogue_figures(qs: QuerySet[Network], *, today: datetime.date) -> QuerySet[Network]:
    current_plan = YearPlan.objects.filter(
        network=OuterRef("pk"), state=YearPlan.State.ADOPTED, year__lte=today.year
    ).order_by("-year")
    participating = (
        Participation.objects.on(today)
        .filter(network=OuterRef("pk"))
        .order_by()
        .values("network")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.only("name", "slug", "status", "area__name", "area__slug").annotate(
        municipality_count=Coalesce(Subquery(participating, output_field=IntegerField()), 0),
        plan_year=Subquery(current_plan.values("year")[:1]),
        plan_purpose=Subquery(current_plan.values("purpose")[:1]),
    )


def catalogue_entries(
    networks: Iterable[Network], *, today: datetime.date, contacts: bool
) -> list[CatalogueEntry]:
    """The entries of annotated networks (catalogue_page_networks), with the names of their
    coordinators in one more query when the viewer may see contacts."""
    networks = list(networks)
    names: dict[int, list[str]] = defaultdict(list)
    if contacts and networks:
        coordinators = (
            Membership.objects.on(today)
            .filter(role=Membership.Role.COORDINATOR, network__in=[n.pk for n in networks])
            .order_by("person__name", "pk")
            .values_list("network_id", "person__name", "person__municipality__name")
        )
        for network_id, name, municipality in coordinators:
            names[network_id].append(f"{name} ({municipality})" if municipality else name)
    return [
        CatalogueEntry(
            network=n,
            municipality_count=n.municipality_count,  # type: ignore[attr-defined]
            plan_year=n.plan_year,  # type: ignore[attr-defined]
            plan_purpose=n.plan_purpose or "",  # type: ignore[attr-defined]
            coordinators=names[n.pk],
        )
        for n in networks
    ]


def network_prefetches(today: datetime.date) -> list[Prefetch[Any]]:
    return [
        Prefetch(
            "year_plans",
            queryset=YearPlan.objects.filter(state=YearPlan.State.ADOPTED, year__lte=today.year)
            .order_by("-year")
            .prefetch_related("development_areas"),
            to_attr="adopted_plans",
        ),
        Prefetch(
            "memberships",
            queryset=Membership.objects.on(today)
            .filter(role=Membership.Role.COORDINATOR)
            .select_related("person", "person__municipality"),
            to_attr="current_coordinators",
        ),
        Prefetch(
            "participations",
            queryset=Participation.objects.on(today).select_related("municipality"),
            to_attr="current_participations",
        ),
    ]


def current_plan(network: Network) -> YearPlan | None:
    """The catalogue shows the latest adopted plan (this year's where there is one)."""
    plans = getattr(network, "adopted_plans", None)
    if plans is None:
        return network.year_plans.filter(state=YearPlan.State.ADOPTED).order_by("-year").first()
    return plans[0] if plans else None


@dataclass
class NetworkPage:
    network: Network
    plan: YearPlan | None
    coordinators: list[Membership]
    members: list[Membership]
    participations: list[Participation]
    former_participations: list[Participation]
    plans: list[YearPlan] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    can_edit: bool = False
    can_see_contacts: bool = False
    internal: bool = False  # may read the plans and the history


def network_page(
    network: Network, *, viewer: Any, today: datetime.date, with_history: bool = True
) -> NetworkPage:
    """What a network's page shows this viewer; `with_history=False` when the page has the
    history's rendered words already (a fragment, networks/views.detail)."""
    contacts = access.can_see_contacts(viewer)
    memberships = Membership.objects.on(today).filter(network=network)
    if not contacts:  # the members' table is for those who may see contacts: coordinators only
        memberships = memberships.filter(role=Membership.Role.COORDINATOR)
    members = list(
        memberships.select_related("person", "person__municipality", "municipality").order_by(
            "person__name", "role"
        )
    )
    participations = list(
        Participation.objects.filter(network=network)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    adopted = list(
        network.year_plans.filter(state=YearPlan.State.ADOPTED, year__lte=today.year)
        .order_by("-year")
        .prefetch_related("development_areas")[:1]
    )
    internal = access.can_read_internal(viewer, network)
    return NetworkPage(
        network=network,
        plan=adopted[0] if adopted else None,
        coordinators=[m for m in members if m.role == Membership.Role.COORDINATOR],
        members=members if contacts else [],
        participations=[p for p in participations if p.joined_on and p.left_on is None],
        former_participations=[p for p in participations if p.left_on is not None],
        plans=list(network.year_plans.order_by("-year")) if internal else [],
        history=list(network_history(network.pk, limit=30)) if internal and with_history else [],
        can_edit=access.can_edit_network(viewer, network),
        can_see_contacts=contacts,
        internal=internal,
    )


def member_rows(network: Network, *, today: datetime.date) -> list[Membership]:
    return list(
        Membership.objects.filter(network=network)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=today))
        .select_related("person__user", "person__municipality", "municipality")
        .order_by("person__name", "role")
    )
