"""The catalogue: networks with their current plans, and the municipalities (SPEC §5).
Readable anonymously where the instance publishes its catalogue, without contact details."""

from typing import Any, Literal

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from pydantic import Field

from samverkan.api.auth import CATALOGUE, actor
from samverkan.api.kit import NETWORK, InSchema, errors
from samverkan.api.schemas import MunicipalityOut, NetworkDetailOut, NetworkListOut
from samverkan.cooperation.models import Municipality, PopulationFigure
from samverkan.networks.access import can_see_contacts, get_network_for
from samverkan.networks.models import Membership, Network, YearPlan
from samverkan.networks.selectors import (
    CatalogueFilters,
    catalogue_networks,
    current_plan,
    network_prefetches,
)

router = Router(tags=["Katalog"], auth=CATALOGUE)

SLUG = r"^[-a-zA-Z0-9_]*$"
PUBLIC_STATUSES = {Network.Status.ACTIVE, Network.Status.CLOSED, "all"}


class CatalogueQuery(InSchema):
    q: str = Field("", max_length=200, description="Words to find in name, area and plan")
    municipality: str = Field("", max_length=100, pattern=SLUG, description="Municipality slug")
    area: str = Field("", max_length=100, pattern=SLUG, description="Area slug")
    development_area: str = Field(
        "", max_length=100, pattern=SLUG, description="Development area slug"
    )
    status: Literal["proposed", "starting", "active", "closed", "all"] = "active"
    limit: int = Field(50, ge=1, le=200)
    # Bounded: the database adds limit to offset, and past 2⁶³ SQLite overflows (issue 18).
    offset: int = Field(0, ge=0, le=1_000_000_000)


@router.get(
    "/networks",
    response={200: NetworkListOut, **errors(401, 422)},
    summary="Nätverken i katalogen",
    description="Anonymous callers see active and closed networks, without contact details.",
)
def list_networks(request: HttpRequest, query: Query[CatalogueQuery]) -> dict[str, Any]:
    user = actor(request)
    today = timezone.localdate()
    networks: QuerySet[Network]
    if not user.is_authenticated and query.status not in PUBLIC_STATUSES:
        networks = Network.objects.none()
    else:
        filters = CatalogueFilters(
            q=query.q,
            municipality=query.municipality,
            area=query.area,
            development_area=query.development_area,
            status=query.status,
        )
        networks = catalogue_networks(viewer=user, filters=filters, today=today)
    total = networks.count()
    page = list(networks[query.offset : query.offset + query.limit])
    contacts = can_see_contacts(user)
    return {
        "count": total,
        "limit": query.limit,
        "offset": query.offset,
        "items": [network_out(request, n, contacts=contacts) for n in page],
    }


@router.get(
    NETWORK,
    response={200: NetworkDetailOut, **errors(401, 404)},
    summary="Ett nätverk",
)
def get_network(request: HttpRequest, slug: str) -> dict[str, Any]:
    user = actor(request)
    network = get_network_for(user, slug)
    prefetch_related_objects([network], *network_prefetches(timezone.localdate()))
    out = network_out(request, network, contacts=can_see_contacts(user))
    out.update(started_on=network.started_on, closed_on=network.closed_on)
    return out


@router.get(
    "/municipalities",
    response={200: list[MunicipalityOut], **errors(401)},
    summary="Kommunerna i samverkan",
)
def list_municipalities(request: HttpRequest) -> list[dict[str, Any]]:
    today = timezone.localdate()
    municipalities = Municipality.objects.order_by("name").prefetch_related(
        Prefetch(
            "population_figures",
            queryset=PopulationFigure.objects.order_by("-date"),
            to_attr="figures",
        )
    )
    return [
        {
            "code": m.code,
            "slug": m.slug,
            "name": m.name,
            "member_from": m.member_from,
            "member_to": m.member_to,
            "is_member": m.is_member_on(today),
            "population": population_out(m.figures[0]) if m.figures else None,
        }
        for m in municipalities
    ]


# ---- shaping -----------------------------------------------------------------------------------


def network_out(request: HttpRequest, network: Network, *, contacts: bool) -> dict[str, Any]:
    """One network from the selectors' prefetches (network_prefetches): no queries here."""
    return {
        "slug": network.slug,
        "name": network.name,
        "status": network.status,
        "status_label": str(network.get_status_display()),
        "area": {"slug": network.area.slug, "name": network.area.name},
        "description": network.description,
        "url": request.build_absolute_uri(network.get_absolute_url()),
        "current_plan": plan_out(current_plan(network)),
        "municipalities": [
            {"code": p.municipality.code, "slug": p.municipality.slug, "name": p.municipality.name}
            for p in network.current_participations  # type: ignore[attr-defined]
        ],
        "coordinators": coordinators_out(
            network.current_coordinators,  # type: ignore[attr-defined]
            contacts=contacts,
        ),
    }


def plan_out(plan: YearPlan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "year": plan.year,
        "purpose": plan.purpose,
        "goals": plan.goals,
        "meeting_organisation": plan.meeting_organisation,
        "contribution": plan.contribution,
        "adopted_on": plan.adopted_on,
        "development_areas": [
            {"slug": a.slug, "name": a.name} for a in plan.development_areas.all()
        ],
    }


def coordinators_out(memberships: list[Membership], *, contacts: bool) -> list[dict[str, Any]]:
    """N6: e-mail and phone only for signed-in callers; a person coordinating for two
    municipalities is listed once."""
    seen: set[int] = set()
    out = []
    for m in memberships:
        person = m.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        out.append(
            {
                "name": person.name,
                "title": person.title,
                "municipality": person.municipality.name if person.municipality else None,
                "email": (person.email or None) if contacts else None,
                "phone": (person.phone or None) if contacts else None,
            }
        )
    return out


def population_out(figure: PopulationFigure) -> dict[str, Any]:
    return {"population": figure.population, "date": figure.date, "source": figure.source}
