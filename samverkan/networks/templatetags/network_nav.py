from typing import Any

from django import template
from django.utils import timezone

from samverkan.networks.models import Network
from samverkan.networks.nav import network_nav as groups_for

register = template.Library()


@register.inclusion_tag("networks/_network_nav.html", takes_context=True)
def network_nav(context: template.Context, network: Network) -> dict[str, Any]:
    """{% network_nav network %}: the network's pages, grouped, the current one marked."""
    request = context["request"]
    signed_in = bool(getattr(request.user, "is_authenticated", False))
    groups = groups_for(request, network, timezone.localdate()) if signed_in else []
    return {"groups": groups, "network": network}
