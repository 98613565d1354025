"""`memberships|by_person`: one row per person and network, with every role the person holds
there (issue 16, point 14: "a person with two roles is listed once with both")."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django import template

from samverkan.networks.models import Membership

register = template.Library()

MUNICIPALITY = Membership._meta.get_field("municipality")


@dataclass
class PersonRoles:
    first: Membership
    roles: list[str] = field(default_factory=list)
    municipalities: list[str] = field(default_factory=list)

    @property
    def person(self) -> Any:
        return self.first.person

    @property
    def network(self) -> Any:
        return self.first.network

    @property
    def roles_text(self) -> str:
        return ", ".join(self.roles)

    @property
    def municipalities_text(self) -> str:
        return ", ".join(self.municipalities)


def by_person(memberships: Iterable[Membership]) -> list[PersonRoles]:
    """The memberships grouped by (person, network), in the order of each group's first one;
    roles and municipalities each named once. Reads only what the memberships have loaded."""
    rows: dict[tuple[int, int], PersonRoles] = {}
    for m in memberships:
        row = rows.setdefault((m.person_id, m.network_id), PersonRoles(first=m))
        role = str(m.get_role_display())
        if role not in row.roles:
            row.roles.append(role)
        # Only where the list loaded it: the municipality page's list is of one municipality.
        loaded = m.municipality_id is not None and MUNICIPALITY.is_cached(m)
        municipality = m.municipality.name if loaded and m.municipality is not None else ""
        if municipality and municipality not in row.municipalities:
            row.municipalities.append(municipality)
    return list(rows.values())


register.filter("by_person", by_person)
