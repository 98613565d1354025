"""The agreements' panels on other rooms' pages."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.agreements import selectors
from samverkan.agreements.access import can_see_work
from samverkan.agreements.models import OnboardingTask
from samverkan.core.plugins import section
from samverkan.networks.models import Network
from samverkan.people.models import Person


@section("my_page", "agreements.tasks", "agreements/_my_tasks.html", order=20)
def my_onboarding_tasks(
    request: HttpRequest, person: Person, today: datetime.date
) -> dict[str, Any]:
    """PR3: the introductions I am to give."""
    tasks = (
        OnboardingTask.objects.filter(representative=person, done_on__isnull=True)
        .select_related("network", "membership__person")
        .order_by("due_on")
    )
    return {"tasks": list(tasks)}


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
