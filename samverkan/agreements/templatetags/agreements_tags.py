"""The agreement's panel on a network's page: chairs, open onboarding tasks (PR3)."""

from typing import Any

from django import template
from django.utils import timezone

from samverkan.agreements import selectors
from samverkan.agreements.access import can_see_work
from samverkan.agreements.models import OnboardingTask

register = template.Library()


@register.inclusion_tag("agreements/_panel.html", takes_context=True)
def agreement_panel(context: dict[str, Any], network: Any) -> dict[str, Any]:
    """Three small queries; the open tasks only for the network's own people."""
    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    internal = user is not None and can_see_work(user, network)
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


@register.inclusion_tag("agreements/_person_mandates.html", takes_context=True)
def person_mandates(context: dict[str, Any], person: Any) -> dict[str, Any]:
    """F3: a person's mandates, for 'Min sida' or a person's page; those of networks the viewer
    may not read internally are left out."""
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = [
        m
        for m in selectors.person_mandates(person.pk)
        if user is not None and can_see_work(user, m.network)
    ]
    return {"person": person, "mandates": rows}
