"""Socialchefsnätverket's costs (PR2), through the costs services: shared by population (its
agreement, from agreements.py); one of last year's costs is invoiced and then corrected by a
credit and a new cost, as the coordinator corrects an invoiced cost."""

import datetime
from typing import Any

from samverkan.costs.models import Cost
from samverkan.costs.services import correct_cost, mark_invoiced, record_cost
from samverkan.demo import data
from samverkan.demo.people import secretariat
from samverkan.networks.models import Network

SLUG = data.SOCIALCHEF_SLUG


def load(today: datetime.date, actor: Any = None) -> int:
    network = Network.objects.filter(slug=SLUG).first()
    if network is None or Cost.objects.filter(network=network).exists():
        return 0
    actor = actor or secretariat()
    start = network.started_on or datetime.date(today.year - 1, 1, 1)
    last_year = max(datetime.date(today.year - 1, 3, 14), start)
    this_year = max(datetime.date(today.year, 1, 20), start)
    dev = Cost.Phase.DEVELOPMENT

    def cost(day: datetime.date, description: str, amount_ore: int) -> Cost:
        return record_cost(
            actor, network, date=day, description=description, amount_ore=amount_ore, phase=dev
        )

    invoiced = cost(last_year, *data.COST_INVOICED)
    invoiced = mark_invoiced(actor, invoiced, on=last_year + datetime.timedelta(days=30))
    description, amount_ore = data.COST_CORRECTED
    correct_cost(
        actor,
        invoiced,
        date=invoiced.invoiced_on or last_year,
        description=description,
        amount_ore=amount_ore,
        phase=dev,
    )
    cost(this_year, *data.COST_THIS_YEAR)
    if this_year < today:
        cost(today, *data.COST_TODAY)
    return Cost.objects.filter(network=network).count()
