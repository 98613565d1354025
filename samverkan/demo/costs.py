"""Demo costs (PR2): Socialchefsnätverket shares its development costs by population (its
agreement, from the agreements demo); one of last year's costs is invoiced and corrected by a
credit and a new cost. Called from reports/demo.py inside the demo's transaction."""

import datetime

from samverkan.costs.models import Allocation, Cost
from samverkan.costs.services import store_cost
from samverkan.networks.models import Network

SLUG = "socialchefsnatverket"


def load(today: datetime.date) -> int:
    network = Network.objects.filter(slug=SLUG).first()
    if network is None or Cost.objects.filter(network=network).exists():
        return 0
    start = network.started_on or datetime.date(today.year - 1, 1, 1)
    last_year = max(datetime.date(today.year - 1, 3, 14), start)
    this_year = max(datetime.date(today.year, 1, 20), start)
    dev = Cost.Phase.DEVELOPMENT
    invoiced = store_cost(
        network,
        date=last_year,
        description="Utvecklingsdag om samsjuklighet",
        amount_ore=100_000_00,
        phase=dev,
    )
    invoiced.invoiced_on = last_year + datetime.timedelta(days=30)
    invoiced.save(update_fields=["invoiced_on"])
    credit = Cost.objects.create(
        network=network,
        date=invoiced.invoiced_on,
        description="Kreditering: Utvecklingsdag om samsjuklighet",
        amount_ore=-invoiced.amount_ore,
        phase=dev,
        method=invoiced.method,
        state=invoiced.state,
        credit_of=invoiced,
    )
    Allocation.objects.bulk_create(
        Allocation(
            cost=credit,
            municipality_id=a.municipality_id,
            population=a.population,
            population_date=a.population_date,
            amount_ore=-a.amount_ore,
        )
        for a in invoiced.allocations.all()
    )
    store_cost(
        network,
        date=invoiced.invoiced_on,
        description="Utvecklingsdag om samsjuklighet (rättad: lokalhyran ingick inte)",
        amount_ore=87_500_00,
        phase=dev,
        replaces=invoiced,
    )
    store_cost(
        network,
        date=this_year,
        description="Föreläsare: trygg och effektiv utskrivning",
        amount_ore=24_500_50,
        phase=dev,
    )
    if this_year < today:
        store_cost(
            network,
            date=today,
            description="Gemensam utbildning i BBIC",
            amount_ore=153_000_00,
            phase=dev,
        )
    return Cost.objects.filter(network=network).count()
