"""`{% load meetings_tags %}{% meetings_link network %}`: the way to a network's meetings."""

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("meetings/_network_link.html", takes_context=True)
def meetings_link(context: dict[str, Any], network: Any) -> dict[str, Any]:
    """The way from a network's page to its meetings, for those who may read them."""
    from samverkan.people import policy

    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "network": network,
        "show": user is not None and policy.can_read_internal(user, network),
    }
