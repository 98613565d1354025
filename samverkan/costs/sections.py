"""PR2 on other rooms' pages: the municipality's cost shares, the network's costs link."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Municipality
from samverkan.core.plugins import Table, section, section_table
from samverkan.costs.access import can_see_costs, can_see_municipality_costs
from samverkan.costs.selectors import municipality_cost_years
from samverkan.files.tables import kronor
from samverkan.networks.models import Network
from samverkan.networks.nav import NavLink


@section("municipality", "costs.shares", "costs/_municipality_section.html", order=50)
def _cost_shares(
    request: HttpRequest, municipality: Municipality, today: datetime.date
) -> dict[str, Any] | None:
    if not can_see_municipality_costs(request.user, municipality):
        return None
    rows = municipality_cost_years(municipality)
    years: dict[int, int] = {}
    for year, _network, ore in rows:
        years[year] = years.get(year, 0) + ore
    return {"municipality": municipality, "rows": rows, "years": years}


@section_table("municipality", "kostnadsandelar")
def cost_shares_table(
    request: HttpRequest, municipality: Municipality, today: datetime.date
) -> Table | None:
    """PR2 as a file: the section's rows, the shares in kronor (the sums are the file's to
    make)."""
    s = _cost_shares(request, municipality, today)
    if s is None:
        return None
    header = [_("År"), _("Nätverk"), _("Andel")]
    rows: list[list[Any]] = [[year, network.name, kronor(ore)] for year, network, ore in s["rows"]]
    return Table(f"{municipality.slug}-kostnadsandelar", _("Kostnadsandelar"), header, rows)


@section("network.links", "costs.links", "costs/_network_link.html", order=20)
def network_costs_link(
    request: HttpRequest, network: Network, today: datetime.date
) -> dict[str, Any] | None:
    """The network page's link to its costs (PR2), for those who may see them."""
    if not can_see_costs(request.user, network):
        return None
    # Issue 16 part C: the network page's grouped navigation (networks/nav.py)
    nav = [
        NavLink(
            "work", _("Kostnader och fördelning"), reverse("costs:network", args=[network.slug]), 30
        )
    ]
    return {"network": network, "nav": nav}
