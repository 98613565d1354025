"""The municipality page's own sections (SPEC §5): its networks, pending consultations, people
and management contacts. Costs, meetings and others add theirs from their rooms' sections.py."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.cooperation.models import ManagementContact, Municipality
from samverkan.core.plugins import section
from samverkan.networks.access import can_see_contacts
from samverkan.networks.models import Membership, Network, ParticipationRequest
from samverkan.networks.municipalities import selectors
from samverkan.networks.municipalities.forms import ManagementContactForm
from samverkan.people.access import is_secretariat


@section("municipality", "networks", "municipalities/_networks.html", order=10)
def networks_of(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Any:
    networks = selectors.municipality_networks(municipality, today)
    return {"current": networks.current, "left": networks.left, "closed": networks.closed}


@section("municipality", "people", "municipalities/_people.html", order=30)
def people_of(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Any:
    memberships = (
        Membership.objects.on(today)
        .filter(municipality=municipality)
        .exclude(network__status=Network.Status.CLOSED)
        .select_related("person__user", "network")
        .order_by("person__name", "network__name", "role")
    )
    return {"memberships": memberships, "show_contacts": can_see_contacts(request.user)}


@section("municipality", "consultations", "municipalities/_consultations.html", order=20)
def consultations_of(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Any:
    pending = selectors.pending_consultations(municipality)
    requests = ParticipationRequest.objects.filter(
        municipality=municipality, state=ParticipationRequest.State.PENDING
    ).select_related("network")
    return {"pending": pending, "requests": requests}


@section("municipality", "contacts", "municipalities/_contacts.html", order=40)
def contacts_of(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Any:
    contacts = ManagementContact.objects.filter(municipality=municipality).select_related(
        "area", "person__user"
    )
    secretariat = is_secretariat(request.user)
    return {
        "contacts": contacts.order_by("area__name", "person__name"),
        "can_edit": secretariat,
        "form": ManagementContactForm() if secretariat else None,
    }
