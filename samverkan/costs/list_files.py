"""A network's costs as files (SPEC §5 "Files", issue 14): the two lists of
templates/costs/network.html, amounts as kronor (numbers with two decimals), for files.tables."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from samverkan.costs.models import Cost
from samverkan.costs.selectors import NetworkYearRow
from samverkan.files.tables import kronor

Table = tuple[list[str], list[list[Any]]]


def cost_table(costs: Iterable[Cost]) -> Table:
    """The list "Alla kostnader": rows from selectors.network_costs, newest first."""
    header = [
        _("Datum"),
        _("Beskrivning"),
        _("Fas"),
        _("Belopp"),
        _("Fördelning"),
        _("Fakturerad"),
    ]
    rows = [
        [
            c.date,
            c.description,
            c.get_phase_display(),
            kronor(c.amount_ore),
            _("Kan inte fördelas") if c.state == Cost.State.UNALLOCATED else c.get_method_display(),
            c.invoiced_on,
        ]
        for c in costs
    ]
    return header, rows


def cost_year_table(years: Iterable[NetworkYearRow]) -> Table:
    """The list "Per år": rows from selectors.network_year_summary(network=…)."""
    header = [
        _("År"),
        _("Totalt"),
        _("Fördelat på kommuner"),
        _("Nätverkets egna"),
        _("Ej fördelat"),
    ]
    rows = [
        [r.year, kronor(r.total), kronor(r.allocated), kronor(r.not_shared), kronor(r.unallocated)]
        for r in years
    ]
    return header, rows
