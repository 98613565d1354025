"""The reports' panels on other rooms' pages."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.core.plugins import section
from samverkan.networks.models import Network
from samverkan.reports.matrix import participation_matrix
from samverkan.reports.svg import heat_map
from samverkan.surveys.rules import cooperation_survey_state

HEAT_MAP_MAX_NETWORKS = 150


@section("dashboard", "reports.survey_and_matrix", "reports/_dashboard.html", order=10)
def dashboard_panels(request: HttpRequest, area: str, today: datetime.date) -> dict[str, Any]:
    """The dashboard's survey state (P4, ST2) and participation matrix."""
    active = Network.objects.filter(status=Network.Status.ACTIVE)
    if area:
        active = active.filter(area__slug=area)
    # A picture of every network is unreadable (and megabytes) for a large cooperation: past
    # a size the dashboard asks for an area and links to the full matrix.
    too_many = active.count() > HEAT_MAP_MAX_NETWORKS
    data = None if too_many else participation_matrix(today, area=area)
    return {
        "survey_state": cooperation_survey_state(today),
        "matrix": data,
        "heat_map": heat_map(data) if data is not None else "",
        "too_many": too_many,
        "area": area,
    }
