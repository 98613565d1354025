"""`{% person_mandates person %}`: the mandates a person holds (F3)."""

from typing import Any

from django import template

from samverkan.agreements import selectors
from samverkan.agreements.access import can_see_work

register = template.Library()


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
