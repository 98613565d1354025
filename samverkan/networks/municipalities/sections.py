"""The municipality page's own sections (SPEC §5): its networks, pending consultations, people
and management contacts. Costs, meetings and others add theirs from their rooms' sections.py."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from samverkan.cooperation.models import ManagementContact, Municipality
from samverkan.core.plugins import Table, section, section_table
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


# ---- the same lists as files (`?lista=…&format=csv|xlsx` on the page) ------------------------


@section_table("municipality", "natverk")
def networks_table(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Table:
    """The three lists of the networks section in one: taking part, left, closed."""
    s = networks_of(request, municipality, today)
    header = [
        _("Nätverk"),
        _("Status"),
        _("Kommunens deltagande"),
        _("Från"),
        _("Till"),
        _("Anledning"),
    ]
    rows: list[list[Any]] = []
    for p in s["current"]:
        rows.append(
            [p.network.name, p.network.get_status_display(), _("Deltar"), p.joined_on, None, ""]
        )
    for p in s["left"]:
        rows.append(
            [
                p.network.name,
                p.network.get_status_display(),
                _("Har lämnat"),
                p.joined_on,
                p.left_on,
                p.leave_reason,
            ]
        )
    for p in s["closed"]:
        rows.append(
            [
                p.network.name,
                p.network.get_status_display(),
                _("Avslutat nätverk"),
                p.joined_on,
                p.network.closed_on,
                "",
            ]
        )
    return Table(f"{municipality.slug}-natverk", _("Nätverk"), header, rows)


@section_table("municipality", "samrad")
def consultations_table(
    request: HttpRequest, municipality: Municipality, today: datetime.date
) -> Table:
    s = consultations_of(request, municipality, today)
    header = [_("Vad"), _("Nätverk"), _("Datum"), _("Läge")]
    rows: list[list[Any]] = [
        [_("Inbjudan att delta"), p.network.name, p.invited_on, _("inte besvarad")]
        for p in s["pending"]
    ]
    rows += [
        [r.get_kind_display(), r.network.name, r.requested_on, r.get_state_display().lower()]
        for r in s["requests"]
    ]
    return Table(f"{municipality.slug}-samrad", _("Samråd"), header, rows)


@section_table("municipality", "personer")
def people_table(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Table:
    s = people_of(request, municipality, today)
    header = [_("Namn"), _("Nätverk"), _("Roll")]
    if s["show_contacts"]:
        header.append(_("E-post"))
    rows = []
    for m in s["memberships"]:
        row: list[Any] = [m.person.name, m.network.name, m.get_role_display()]
        if s["show_contacts"]:
            row.append(m.person.email)
        rows.append(row)
    return Table(f"{municipality.slug}-personer", _("Personer"), header, rows)


@section_table("municipality", "forvaltningsledning")
def contacts_table(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Table:
    s = contacts_of(request, municipality, today)
    header = [_("Verksamhetsområde"), _("Namn"), _("E-post")]
    rows: list[list[Any]] = [[c.area.name, c.person.name, c.person.email] for c in s["contacts"]]
    return Table(f"{municipality.slug}-forvaltningsledning", _("Förvaltningsledning"), header, rows)
