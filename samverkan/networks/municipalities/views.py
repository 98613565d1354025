"""The municipality page: the networks it takes part in and those it left, its people and
their roles, its pending consultations (SPEC §5), and the register of its management
contacts (förvaltningsledning), which the secretariat keeps."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.cooperation.models import ManagementContact, Municipality
from samverkan.core.errors import ServiceError
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.lifecycle.forms import ManagementContactForm
from samverkan.networks.models import Membership, Network, Participation, ParticipationRequest
from samverkan.networks.municipalities.page import register_section, render_sections
from samverkan.people import policy


@login_required
def municipality_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = Municipality.objects.members_on(today).order_by("name")
    return render(request, "municipalities/list.html", {"rows": rows})


@login_required
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    today = timezone.localdate()
    context = {
        "municipality": municipality,
        "sections": render_sections(request, municipality, today),
    }
    return render(request, "municipalities/detail.html", context)


@login_required
@require_POST
def contact_add(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    policy.require_secretariat(request.user)
    form = ManagementContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fyll i verksamhetsområde, namn och en giltig e-postadress."))
    else:
        try:
            lifecycle.add_management_contact(request.user, municipality, **form.cleaned_data)
            messages.success(request, _("Förvaltningsledningen är registrerad."))
        except ServiceError as error:
            messages.error(request, error.message)
    return redirect("municipalities:detail", slug=slug)


@login_required
@require_POST
def contact_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    municipality = get_object_or_404(Municipality, slug=slug)
    contact = get_object_or_404(ManagementContact, pk=pk, municipality=municipality)
    lifecycle.remove_management_contact(request.user, contact)
    messages.success(request, _("Förvaltningsledningen är borttagen."))
    return redirect("municipalities:detail", slug=slug)


# ---- the sections of this app ---------------------------------------------------------------


def _networks(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Any:
    rows = list(
        Participation.objects.filter(municipality=municipality, joined_on__isnull=False)
        .select_related("network__area")
        .order_by("network__name")
    )
    return {
        "current": [
            p
            for p in rows
            if p.network.status != Network.Status.CLOSED
            and (p.left_on is None or p.left_on >= today)
        ],
        "left": [p for p in rows if p.left_on is not None and p.left_on < today],
        "closed": [
            p for p in rows if p.network.status == Network.Status.CLOSED and p.left_on is None
        ],
    }


def _people(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Any:
    memberships = (
        Membership.objects.on(today)
        .filter(municipality=municipality)
        .exclude(network__status=Network.Status.CLOSED)
        .select_related("person", "network")
        .order_by("person__name", "network__name", "role")
    )
    return {"memberships": memberships, "show_contacts": policy.can_see_contacts(request.user)}


def _consultations(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Any:
    pending = (
        Participation.objects.filter(
            municipality=municipality,
            invited_on__isnull=False,
            answer="",
            network__status__in=lifecycle.OPEN_PROPOSAL,
        )
        .select_related("network")
        .order_by("invited_on")
    )
    requests = ParticipationRequest.objects.filter(
        municipality=municipality, state=ParticipationRequest.State.PENDING
    ).select_related("network")
    return {"pending": pending, "requests": requests}


def _contacts(request: HttpRequest, municipality: Municipality, today: datetime.date) -> Any:
    contacts = ManagementContact.objects.filter(municipality=municipality).select_related(
        "area", "person"
    )
    is_secretariat = policy.is_secretariat(request.user)
    return {
        "contacts": contacts.order_by("area__name", "person__name"),
        "can_edit": is_secretariat,
        "form": ManagementContactForm() if is_secretariat else None,
    }


register_section("networks", "municipalities/_networks.html", _networks, order=10)
register_section("consultations", "municipalities/_consultations.html", _consultations, order=20)
register_section("people", "municipalities/_people.html", _people, order=30)
register_section("contacts", "municipalities/_contacts.html", _contacts, order=40)
