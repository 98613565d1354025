"""What the secretariat has to chase (issue 16, "The dashboard at 50 networks and 30 rules"):
the duties due before 31 December and those already overdue, each with the network, its
owners (the coordinators) and the link to fix it, read from the stored verdicts.

- *Due before 31 December*: from 1 November, next year's stored verdicts of the rules that
  SPEC §2 asks to be done before each calendar year (N3 the year plan, CH2 the chairs, CO3 the
  business plan) that are not yet fulfilled.
- *Overdue*: this year's stored verdicts that say something is missing.

The panel shows the first rows and how many there are; the whole list is a page of its own.
A constant number of queries whatever the number of networks."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from samverkan.compliance import stored
from samverkan.compliance.models import StoredVerdict
from samverkan.compliance.registry import RULES, Status
from samverkan.networks.models import Membership, Network
from samverkan.people.models import Person

# SPEC §2: "before each calendar year" (N3), "new chairs are appointed before each year"
# (CH2), "before each new year the network adopts a business plan" (CO3).
DUE_RULES = ("N3", "CH2", "CO3")
# The rules flag next year's duty from 1 November (N3, CH2, CO3 alike).
DUE_FROM_MONTH = 11
PANEL_ROWS = 8
# What a duty list shows besides the stored verdicts: the networks and their coordinators.
DUTY_MODELS = (Network, Membership, Person)

KINDS: dict[str, StrOrPromise] = {
    "fore-arsskiftet": _("Ska vara klart före 31 december"),
    "forsenade": _("Försenat"),
}


@dataclass
class Duty:
    network: Network
    rule_id: str
    title: str
    status: str
    explanation: str
    fix_url: str
    due_on: datetime.date | None
    owners: list[str] = field(default_factory=list)


@dataclass
class DutyList:
    kind: str
    title: StrOrPromise
    rows: list[Duty]
    total: int
    link: str

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)


def _query(kind: str, networks: QuerySet[Network], today: datetime.date) -> QuerySet[StoredVerdict]:
    if kind == "fore-arsskiftet":
        if today.month < DUE_FROM_MONTH:
            return StoredVerdict.objects.none()
        return stored.rows_of(networks, today.year + 1, DUE_RULES, [Status.MISSING, Status.WARNING])
    return stored.rows_of(networks, today.year, list(RULES), [Status.MISSING])


def duties(rows: list[StoredVerdict], kind: str, today: datetime.date) -> list[Duty]:
    """The rows as duties, each with the network's current coordinators (one query)."""
    ids = {r.network_id for r in rows}
    owners: dict[int, list[str]] = {}
    if ids:
        for network_id, name in (
            Membership.objects.on(today)
            .filter(network_id__in=ids, role=Membership.Role.COORDINATOR)
            .order_by("person__name")
            .values_list("network_id", "person__name")
        ):
            owners.setdefault(network_id, []).append(name)
    due_on = datetime.date(today.year, 12, 31) if kind == "fore-arsskiftet" else None
    return [
        Duty(
            network=r.network,
            rule_id=r.rule_id,
            title=str(RULES[r.rule_id].title) if r.rule_id in RULES else r.rule_id,
            status=r.status,
            explanation=r.text(),
            fix_url=r.fix_url,
            due_on=due_on,
            owners=owners.get(r.network_id, []),
        )
        for r in rows
    ]


def duty_list(
    kind: str,
    networks: QuerySet[Network],
    today: datetime.date,
    *,
    limit: int = PANEL_ROWS,
    missing_this_year: int | None = None,
) -> DutyList:
    """The panel's first `limit` duties of this kind and how many there are (three queries;
    two for the overdue when the caller has counted this year's missing verdicts already, as
    the dashboard has: counting them again cost 35 ms for 2,000 networks on SQLite)."""
    query = _query(kind, networks, today)
    rows = list(query[:limit])
    if kind == "forsenade" and missing_this_year is not None:
        total = missing_this_year
    else:
        total = query.count()  # always: the same queries for 20 networks as for 2,000
    return DutyList(
        kind=kind,
        title=KINDS[kind],
        rows=duties(rows, kind, today),
        total=total,
        link=reverse("dashboard:duties", args=[kind]),
    )


def duty_query(kind: str, networks: QuerySet[Network], today: datetime.date) -> Any:
    """The whole list of this kind, for the list's own page (paginate it)."""
    return _query(kind, networks, today)
