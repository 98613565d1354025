"""The networks room's panel on Min sida: the networks I am in, with my roles."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.core.plugins import section
from samverkan.networks import duties
from samverkan.networks.models import Membership
from samverkan.people.models import Person


@section("my_page.aside", "networks.mine", "networks/_my_networks.html", order=10)
def my_networks(request: HttpRequest, person: Person, today: datetime.date) -> dict[str, Any]:
    networks: dict[int, dict[str, Any]] = {}
    for m in (
        Membership.objects.on(today)
        .filter(person=person)
        .select_related("network", "municipality")
        .order_by("network__name", "role")
    ):
        row = networks.setdefault(m.network_id, {"network": m.network, "roles": []})
        row["roles"].append(m.get_role_display())
    return {"networks": list(networks.values())}


# --- Issue 16 part C: Mina uppgifter (people/duties.py) ---
@section("my_page.duties", "networks.duties", "", order=10)
def my_network_duties(request: HttpRequest, person: Person, today: datetime.date) -> dict[str, Any]:
    return {"duties": duties.before_the_year(person, today) + duties.invitations_to_answer(person)}
