"""Everything the rules read, loaded in a fixed number of queries for any number of networks.

Other apps add what their rules need with `@loader`: a function that receives the snapshot
and fills `facts.extra[...]` for every network with one or two queries of its own."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class NetworkFacts:
    network: Any
    plans: dict[int, Any] = field(default_factory=dict)
    plan_area_ids: dict[int, set[int]] = field(default_factory=dict)
    memberships: list[Any] = field(default_factory=list)
    participations: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def plan(self, year: int) -> Any:
        return self.plans.get(year)

    def current_roles(self, role: str) -> list[Any]:
        return [m for m in self.memberships if m.role == role]

    @property
    def participating(self) -> list[Any]:
        return self.participations


@dataclass
class Snapshot:
    as_of: datetime.date
    networks: list[NetworkFacts]
    development_plan: Any
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


def loader(func: Loader | None = None, *, first: bool = False) -> Any:
    """Register a function that fills the snapshot; `first=True` for the one that every other
    builds on (networks/rules.py)."""

    def register(f: Loader) -> Loader:
        f.loader_order = 0 if first else 100  # type: ignore[attr-defined]
        LOADERS.append(f)
        return f

    return register(func) if func is not None else register


def build_snapshot(
    networks: Iterable[Any], as_of: datetime.date, *, stale_months: int = 12
) -> Snapshot:
    """Facts for every network, filled by the registered loaders: first the networks room's
    own (plans, memberships, participations, the development plan), then every other."""
    nets = list(networks)
    snapshot = Snapshot(
        as_of=as_of,
        networks=[NetworkFacts(network=n) for n in nets],
        development_plan=None,
        development_area_ids=set(),
        stale_months=stale_months,
    )
    for load in sorted(LOADERS, key=lambda f: getattr(f, "loader_order", 100)):
        load(snapshot)
    return snapshot
