"""Everything the rules read, loaded in a fixed number of queries for any number of networks.

Other apps add what their rules need with `@loader`: a function that receives the snapshot
and fills `facts.extra[...]` for every network with one or two queries of its own."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from samverkan.cooperation.models import DevelopmentPlan, Municipality
from samverkan.networks.models import Membership, Network, Participation, YearPlan


@dataclass
class NetworkFacts:
    network: Network
    plans: dict[int, YearPlan] = field(default_factory=dict)
    plan_area_ids: dict[int, set[int]] = field(default_factory=dict)
    memberships: list[Membership] = field(default_factory=list)
    participations: list[Participation] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def plan(self, year: int) -> YearPlan | None:
        return self.plans.get(year)

    def current_roles(self, role: str) -> list[Membership]:
        return [m for m in self.memberships if m.role == role]

    @property
    def participating(self) -> list[Participation]:
        return self.participations


@dataclass
class Snapshot:
    as_of: datetime.date
    networks: list[NetworkFacts]
    development_plan: DevelopmentPlan | None
    development_area_ids: set[int]
    stale_months: int = 12
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.as_of.year

    def by_network_id(self) -> dict[int, NetworkFacts]:
        return {f.network.pk: f for f in self.networks}


Loader = Callable[[Snapshot], None]
LOADERS: list[Loader] = []


def loader(func: Loader) -> Loader:
    LOADERS.append(func)
    return func


def build_snapshot(
    networks: Iterable[Network], as_of: datetime.date, *, stale_months: int = 12
) -> Snapshot:
    nets = list(networks)
    ids = [n.pk for n in nets]
    facts = {n.pk: NetworkFacts(network=n) for n in nets}
    years = [as_of.year, as_of.year + 1]

    plans = YearPlan.objects.filter(network_id__in=ids, year__in=years).prefetch_related(
        "development_areas"
    )
    for plan in plans:
        f = facts[plan.network_id]
        f.plans[plan.year] = plan
        f.plan_area_ids[plan.year] = {a.pk for a in plan.development_areas.all()}

    # The few dozen municipalities are loaded once and shared: a select_related would build
    # one Municipality per row (tens of thousands for 2,000 networks; see bench/README.md).
    municipalities = Municipality.objects.in_bulk()
    for m in (
        Membership.objects.on(as_of)
        .filter(network_id__in=ids)
        .select_related("person")
        .order_by("person__name")
    ):
        if m.municipality_id is not None:
            m.municipality = municipalities[m.municipality_id]
        facts[m.network_id].memberships.append(m)

    for p in Participation.objects.on(as_of).filter(network_id__in=ids):
        p.municipality = municipalities[p.municipality_id]
        facts[p.network_id].participations.append(p)

    dev_plan = (
        DevelopmentPlan.objects.filter(start_year__lte=as_of.year, end_year__gte=as_of.year)
        .prefetch_related("areas")
        .order_by("-start_year")
        .first()
    )
    snapshot = Snapshot(
        as_of=as_of,
        networks=[facts[i] for i in ids],
        development_plan=dev_plan,
        development_area_ids={a.pk for a in dev_plan.areas.all()} if dev_plan else set(),
        stale_months=stale_months,
    )
    for load in LOADERS:
        load(snapshot)
    return snapshot


def group_by(rows: Iterable[Any], key: str) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = defaultdict(list)
    for row in rows:
        out[getattr(row, key)].append(row)
    return out
