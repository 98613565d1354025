"""PR2 on the municipality's page: its cost shares per year and network."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.cooperation.models import Municipality
from samverkan.core.plugins import section
from samverkan.costs.selectors import municipality_cost_years
from samverkan.people import policy


@section("municipality", "costs.shares", "costs/_municipality_section.html", order=50)
def _cost_shares(
    request: HttpRequest, municipality: Municipality, today: datetime.date
) -> dict[str, Any] | None:
    if not policy.can_see_municipality_costs(request.user, municipality):
        return None
    rows = municipality_cost_years(municipality)
    years: dict[int, int] = {}
    for year, _network, ore in rows:
        years[year] = years.get(year, 0) + ore
    return {"municipality": municipality, "rows": rows, "years": years}
