from typing import Any

from django import template

from samverkan.costs.money import format_kronor
from samverkan.people import policy

register = template.Library()


@register.filter
def kronor(ore: int | None) -> str:
    """10000050 → "100 000,50 kr"."""
    return format_kronor(ore)


@register.inclusion_tag("costs/_network_link.html", takes_context=True)
def costs_link(context: dict, network: Any) -> dict[str, Any]:
    """The network page's link to its costs (PR2), for those who may see them."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"network": network, "show": bool(user) and policy.can_see_costs(user, network)}
