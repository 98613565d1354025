"""Who may see and record a network's costs, and a municipality's cost shares (PR2).

A network's costs are internal to the network: its readers who are not members get 403 (on
the network's cost page and on a single cost alike), those who may not know the network 404.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from samverkan.cooperation.access import can_act_for_municipality
from samverkan.cooperation.models import Municipality
from samverkan.costs.models import Cost
from samverkan.networks.access import (
    can_edit_network,
    can_read_internal,
    get_network_for,
    require_network,
)
from samverkan.networks.models import Network


def can_see_costs(user: Any, network: Network) -> bool:
    """PR2: a network's costs and their allocation are internal to the network."""
    return can_read_internal(user, network)


def can_edit_costs(user: Any, network: Network) -> bool:
    """PR2: the network's editors record, correct, credit and invoice its costs."""
    return can_edit_network(user, network)


def require_can_edit_costs(user: Any, network: Network) -> None:
    if not can_edit_costs(user, network):
        raise PermissionDenied(_("Du får inte ändra i det här nätverket."))


def can_see_municipality_costs(user: Any, municipality: Municipality) -> bool:
    """PR2: a municipality's cost shares, for the secretariat and the municipality's own
    people (who are invoiced them)."""
    return can_act_for_municipality(user, municipality)


def _require_costs(user: Any, network: Network, *, write: bool) -> None:
    require_network(user, network)
    if not can_see_costs(user, network):
        raise PermissionDenied(_("Kostnaderna visas för nätverkets medlemmar."))
    if write:
        require_can_edit_costs(user, network)


def get_costs_network_for(user: Any, slug: str, *, write: bool = False) -> Network:
    """The network whose costs are read (can_see_costs) or recorded (can_edit_costs)."""
    network = get_network_for(user, slug)
    _require_costs(user, network, write=write)
    return network


def get_cost_for(user: Any, pk: int, *, write: bool = False) -> Cost:
    """One cost, with its network: answered as its network's cost page answers."""
    cost = Cost.objects.select_related("network").filter(pk=pk).first()
    if cost is None:
        raise Http404
    _require_costs(user, cost.network, write=write)
    return cost
