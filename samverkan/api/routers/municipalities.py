"""Municipalities in the API (issue 3): what a municipality takes part in, what it left, its
pending consultations, and the register of its management contacts (förvaltningsledning)."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from samverkan.api.auth import require_secretariat, require_signed_in
from samverkan.api.kit import ERRORS, InSchema, area_by_slug, municipality_by_slug
from samverkan.cooperation.access import get_management_contact_for
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.models import Participation
from samverkan.networks.municipalities.selectors import (
    municipality_networks,
    pending_consultations,
)

router = Router(tags=["Kommuner"])


class MunicipalityNetworkOut(Schema):
    network: str
    name: str
    status: str
    joined_on: datetime.date | None
    left_on: datetime.date | None


class MunicipalityNetworksOut(Schema):
    slug: str
    name: str
    code: str
    taking_part: list[MunicipalityNetworkOut]
    left: list[MunicipalityNetworkOut]
    pending_consultations: list[str] = Field(description="Slugs of networks awaiting an answer")


class ManagementContactIn(InSchema):
    area: str = Field(max_length=100, description="Area slug")
    email: str = Field(max_length=254)
    name: str = Field("", max_length=200)
    title: str = Field("", max_length=200)


class ManagementContactOut(Schema):
    id: int
    area: str
    name: str
    email: str


# ---- municipalities and their management contacts ----------------------------------------------


@router.get(
    "/municipalities/{slug}",
    response={200: MunicipalityNetworksOut, **ERRORS},
    summary="Kommunens nätverk och väntande samråd",
)
def municipality(request: HttpRequest, slug: str) -> Any:
    require_signed_in(request)
    muni = municipality_by_slug(slug)
    networks = municipality_networks(muni, timezone.localdate())

    def out(p: Participation) -> dict[str, Any]:
        return {
            "network": p.network.slug,
            "name": p.network.name,
            "status": p.network.status,
            "joined_on": p.joined_on,
            "left_on": p.left_on,
        }

    return {
        "slug": muni.slug,
        "name": muni.name,
        "code": muni.code,
        "taking_part": [out(p) for p in networks.current],
        "left": [out(p) for p in networks.left],
        "pending_consultations": [p.network.slug for p in pending_consultations(muni)],
    }


@router.post(
    "/municipalities/{slug}/management-contacts",
    response={201: ManagementContactOut, **ERRORS},
    summary="Registrera förvaltningsledning (sekretariatet)",
)
def contact_add(request: HttpRequest, slug: str, payload: ManagementContactIn) -> Any:
    user = require_secretariat(request)
    area = area_by_slug(payload.area)
    contact = lifecycle.add_management_contact(
        user,
        municipality_by_slug(slug),
        area=area,
        email=payload.email,
        name=payload.name,
        title=payload.title,
    )
    return 201, {
        "id": contact.pk,
        "area": area.slug,
        "name": contact.person.name,
        "email": contact.person.email,
    }


@router.delete(
    "/municipalities/{slug}/management-contacts/{int:contact_id}",
    response={204: None, **ERRORS},
    summary="Ta bort förvaltningsledning (sekretariatet)",
)
def contact_remove(request: HttpRequest, slug: str, contact_id: int) -> Any:
    user = require_secretariat(request)
    contact = get_management_contact_for(user, slug, contact_id)
    lifecycle.remove_management_contact(user, contact)
    return 204, None
