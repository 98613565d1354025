from typing import Any

from django import template
from django.utils import timezone

from samverkan.networks.lifecycle.selectors import dashboard_lifecycle

register = template.Library()


@register.inclusion_tag("networks/_dashboard_lifecycle.html")
def lifecycle_panels() -> dict[str, Any]:
    """The dashboard's lifecycle panel: proposals, inactive networks (C1), started and closed
    this year, unanswered questions (ST1). One include line in the dashboard."""
    return {"lc": dashboard_lifecycle(timezone.localdate())}
