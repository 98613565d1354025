"""The agreements' panels on other rooms' pages."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.agreements import selectors
from samverkan.agreements.access import can_see_work
from samverkan.agreements.models import OnboardingTask
from samverkan.core.plugins import section
from samverkan.networks.access import can_edit_network
from samverkan.networks.models import Network
from samverkan.networks.nav import NavLink
from samverkan.people.duties import Duty
from samverkan.people.models import Person


@section("my_page.duties", "agreements.tasks", "", order=20)
def my_onboarding_tasks(
    request: HttpRequest, person: Person, today: datetime.date
) -> dict[str, Any]:
    """PR3: the introductions I am to give, among Mina uppgifter (people/duties.py)."""
    tasks = (
        OnboardingTask.objects.filter(representative=person, done_on__isnull=True)
        .select_related("network", "membership__person")
        .order_by("due_on")
    )
    duties = [
        Duty(
            _("Introducera %(name)s") % {"name": t.membership.person.name},
            reverse("agreements:onboarding", args=[t.network.slug]),
            t.due_on,
            t.network.name,
        )
        for t in tasks
    ]
    return {"duties": duties}


@section("network", "agreements.panel", "agreements/_panel.html", order=10)
def network_agreement_panel(
    request: HttpRequest, network: Network, today: datetime.date
) -> dict[str, Any]:
    """The agreement's panel on a network's page: the version in force, the chairs, and the
    open onboarding tasks (PR3) for the network's own people. Three small queries."""
    user = request.user
    internal = can_see_work(user, network)
    tasks = []
    if internal:
        tasks = list(
            OnboardingTask.objects.filter(network=network, done_on__isnull=True)
            .select_related("membership__person", "representative")
            .order_by("due_on")
        )
    return {
        "network": network,
        "version": selectors.version_in_force(network, on=today),
        "chairs": selectors.chair_municipalities(network, today.year),
        "year": today.year,
        "tasks": tasks,
        "today": today,
        "internal": internal,
        "signed_in": bool(getattr(user, "is_authenticated", False)),
    }


# --- Issue 16 part C: the agreements' way in from the network page's navigation (networks/nav.py)
@section("network.links", "agreements.links", "", order=30)
def network_agreements_link(
    request: HttpRequest, network: Network, today: datetime.date
) -> dict[str, Any] | None:
    """Agreement, business plan, chairs, matters, mandates and working groups, for those who
    edit the network."""
    if not can_edit_network(request.user, network):
        return None
    url = reverse("agreements:overview", args=[network.slug])
    return {"nav": [NavLink("plan", _("Överenskommelse och arbete"), url, 20)]}
