"""The reports' panels on other rooms' pages."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.cooperation.models import Area, Municipality
from samverkan.core.plugins import section
from samverkan.history import fragments
from samverkan.history.fragments import fragment_key
from samverkan.networks.models import Network, Participation
from samverkan.reports.matrix import area_participation, participation_matrix
from samverkan.reports.svg import area_heat_map, heat_map
from samverkan.surveys.rules import cooperation_survey_state

HEAT_MAP_MAX_NETWORKS = 150


@section("dashboard", "reports.survey_and_matrix", "reports/_dashboard.html", order=10)
def dashboard_panels(request: HttpRequest, area: str, today: datetime.date) -> dict[str, Any]:
    """The dashboard's survey state (P4, ST2) and participation heat map."""
    active = Network.objects.filter(status=Network.Status.ACTIVE)
    if area:
        active = active.filter(area__slug=area)
    # A picture of every network is unreadable (and megabytes) for a large cooperation: past
    # a size the picture is folded by area (SQL aggregates, bounded by municipalities × areas)
    # and the full matrix is a link.
    too_many = active.count() > HEAT_MAP_MAX_NETWORKS
    # The picture is the same for every viewer until the rows it shows change (networks, their
    # participations, the municipalities, the areas): kept as a fragment (history/fragments.py;
    # 33 ms of SQL for 2,000 networks on SQLite, issue 17).
    key = fragment_key(
        "heat-map", area, too_many, today=today, models=[Network, Participation, Municipality, Area]
    )
    picture = fragments.get(key, shared=True)
    if picture is None:
        if too_many:
            by_area = area_participation(today, area=area)
            picture = area_heat_map(by_area) if by_area.areas else ""
        else:
            data = participation_matrix(today, area=area)
            picture = heat_map(data) if data.networks else ""
        fragments.put(key, picture, shared=True)
    return {
        "survey_state": cooperation_survey_state(today),
        "heat_map": picture,
        "too_many": too_many,
        "area": area,
    }
