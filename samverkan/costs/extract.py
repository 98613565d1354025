"""Costs in a person's register extract (issue 15 §1): the costs the person registered."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from samverkan.costs.models import Cost
from samverkan.people.extract import day, extract_part, moment
from samverkan.people.models import Person


@extract_part(
    "costs",
    _("Registrerade kostnader"),
    order=74,
    labels={
        "network": _("Nätverk"),
        "date": _("Datum"),
        "description": _("Beskrivning"),
        "amount_ore": _("Belopp (öre)"),
        "created_at": _("Registrerad"),
    },
)
def costs(person: Person) -> list[dict[str, Any]]:
    rows = Cost.objects.filter(created_by=person).select_related("network")
    return [
        {
            "network": c.network.name,
            "date": day(c.date),
            "description": c.description,
            "amount_ore": c.amount_ore,
            "created_at": moment(c.created_at),
        }
        for c in rows.order_by("date", "pk")
    ]
