"""`{% load meetings_tags %}{% municipality_attendance municipality year %}`: the P3
attendance table for a municipality's page (issue 5, item 3)."""

from typing import Any

from django import template
from django.utils import timezone

from samverkan.meetings.selectors import municipality_attendance as attendance_rows

register = template.Library()


@register.inclusion_tag("meetings/_municipality_attendance.html")
def municipality_attendance(municipality: Any, year: int | None = None) -> dict[str, Any]:
    year = year or timezone.localdate().year
    return {
        "municipality": municipality,
        "year": year,
        "rows": attendance_rows(municipality, year),
    }


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
