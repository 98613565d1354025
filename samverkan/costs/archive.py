"""A network's costs and their allocation to the municipalities (PR2) in its export and
archive package: amounts in öre, each share with the population figure it was based on."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from samverkan.costs.models import Allocation, Cost
from samverkan.networks.lifecycle.export import CHUNK, d, export_part, name_of
from samverkan.networks.models import Network


@export_part("costs", _("Kostnader och deras fördelning"), order=70)
def costs_part(network: Network) -> Iterator[dict[str, Any]]:
    costs = (
        Cost.objects.filter(network=network)
        .select_related("created_by", "credit_of", "replaces")
        .prefetch_related(
            Prefetch(
                "allocations",
                queryset=Allocation.objects.select_related("municipality").order_by(
                    "municipality__code"
                ),
            )
        )
        .order_by("date", "pk")
    )
    for c in costs.iterator(chunk_size=CHUNK):
        yield {
            "id": c.pk,
            "date": d(c.date),
            "description": c.description,
            "amount_ore": c.amount_ore,
            "phase": c.phase,
            "method": c.method,
            "state": c.state,
            "problem": c.problem,
            "invoiced_on": d(c.invoiced_on),
            "credit_of": c.credit_of_id,
            "replaces": c.replaces_id,
            "created_by": name_of(c.created_by),
            "allocations": [
                {
                    "municipality": a.municipality.name,
                    "municipality_code": a.municipality.code,
                    "amount_ore": a.amount_ore,
                    "population": a.population,
                    "population_date": d(a.population_date),
                    "population_table": a.population_table,
                    "population_source": a.population_source,
                }
                for a in c.allocations.all()
            ],
        }
