"""Reads for costs: who shares a cost on a day, its planned allocation, and the summaries."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Municipality, PopulationFigure
from samverkan.costs.allocation import AllocationImpossible, Party, allocate
from samverkan.costs.models import Allocation, Cost
from samverkan.networks.models import Network, Participation


def cost_sharing(network: Network, day: datetime.date) -> str:
    """PR2: the agreement's `cost_sharing` parameter on a day: "population", "equal" or ""."""
    from samverkan.agreements.selectors import agreement_parameters

    return agreement_parameters(network, on=day).cost_sharing or ""


@dataclass(frozen=True)
class Share:
    municipality: Municipality
    population: int | None
    population_date: datetime.date | None
    amount_ore: int
    # Which figure: SCB's table (BE0101N1) and the source, as recorded with the allocation.
    population_table: str = ""
    population_source: str = ""


@dataclass(frozen=True)
class FiguresUsed:
    """Population figures of one reference date, table and source, and who they were for."""

    date: datetime.date
    table: str
    source: str
    municipalities: list[str]

    @property
    def citation(self) -> str:
        """ "SCB, Statistikdatabasen, BE0101N1 (…)": the source, naming the table."""
        if self.table and self.table not in self.source:
            return f"{self.source}, {self.table}" if self.source else self.table
        return self.source or "–"


@dataclass
class AllocationPlan:
    amount_ore: int
    method: str  # Cost.Method
    shares: list[Share] = field(default_factory=list)
    problem: str = ""

    @property
    def figures_used(self) -> list[FiguresUsed]:
        """PR2: which population figures the allocation used, by reference date and source."""
        groups: dict[tuple[datetime.date, str, str], list[str]] = {}
        for s in self.shares:
            if s.population_date is not None:
                key = (s.population_date, s.population_table, s.population_source)
                groups.setdefault(key, []).append(s.municipality.name)
        return [
            FiguresUsed(date=d, table=t, source=src, municipalities=names)
            for (d, t, src), names in sorted(groups.items())
        ]

    @property
    def state(self) -> str:
        if self.method == Cost.Method.NETWORK:
            return Cost.State.NOT_SHARED
        return Cost.State.UNALLOCATED if self.problem else Cost.State.ALLOCATED

    def as_dict(self) -> dict[str, object]:
        return {
            "amount_ore": self.amount_ore,
            "method": self.method,
            "allocations": [
                {
                    "municipality_code": s.municipality.code,
                    "municipality": s.municipality.name,
                    "population": s.population,
                    "population_date": s.population_date.isoformat() if s.population_date else None,
                    "population_table": s.population_table,
                    "population_source": s.population_source,
                    "amount_ore": s.amount_ore,
                }
                for s in self.shares
            ],
            **({"problem": self.problem} if self.problem else {}),
        }


def latest_figures(municipality_ids: list[int], day: datetime.date) -> dict[int, PopulationFigure]:
    """Each municipality's latest population figure on or before `day` (one query)."""
    out: dict[int, PopulationFigure] = {}
    for fig in PopulationFigure.objects.filter(
        municipality_id__in=municipality_ids, date__lte=day
    ).order_by("municipality_id", "-date"):
        out.setdefault(fig.municipality_id, fig)
    return out


def participants_on(network: Network, day: datetime.date) -> list[Municipality]:
    return [
        p.municipality
        for p in Participation.objects.on(day)
        .filter(network=network)
        .select_related("municipality")
        .order_by("municipality__code")
    ]


def plan_allocation(
    network: Network, day: datetime.date, amount_ore: int, *, method: str | None = None
) -> AllocationPlan:
    """PR2: how a cost of `amount_ore` on `day` is shared; nothing is written."""
    sharing = method if method is not None else cost_sharing(network, day)
    if sharing not in (Cost.Method.POPULATION, Cost.Method.EQUAL):
        return AllocationPlan(amount_ore=amount_ore, method=Cost.Method.NETWORK)
    munis = participants_on(network, day)
    figures = latest_figures([m.pk for m in munis], day)
    plan = AllocationPlan(amount_ore=amount_ore, method=sharing)
    if not munis:
        plan.problem = _("Ingen kommun deltar i nätverket %(date)s.") % {"date": day.isoformat()}
        return plan
    missing = [m.name for m in munis if m.pk not in figures]
    if sharing == Cost.Method.POPULATION and missing:
        plan.problem = _("Folkmängd saknas %(date)s för: %(names)s.") % {
            "date": day.isoformat(),
            "names": ", ".join(missing),
        }
        return plan
    parties = []
    for m in munis:
        fig = figures.get(m.pk)
        population = fig.population if fig else 0
        weight = population if sharing == Cost.Method.POPULATION else 1
        parties.append(Party(code=m.code, weight=weight, population=population))
    try:
        amounts = allocate(amount_ore, parties)
    except AllocationImpossible:
        plan.problem = _("De deltagande kommunernas folkmängd är noll.")
        return plan
    for m in munis:
        fig = figures.get(m.pk)
        plan.shares.append(
            Share(
                municipality=m,
                population=fig.population if fig else None,
                population_date=fig.date if fig else None,
                amount_ore=amounts[m.code],
                population_table=fig.table if fig else "",
                population_source=fig.source if fig else "",
            )
        )
    return plan


def stored_plan(cost: Cost) -> AllocationPlan:
    """The allocation as saved, in the same shape as a preview (the API and command agree)."""
    plan = AllocationPlan(amount_ore=cost.amount_ore, method=cost.method, problem=cost.problem)
    for a in sorted(cost.allocations.all(), key=lambda a: a.municipality.code):
        plan.shares.append(
            Share(
                municipality=a.municipality,
                population=a.population,
                population_date=a.population_date,
                amount_ore=a.amount_ore,
                population_table=a.population_table,
                population_source=a.population_source,
            )
        )
    return plan


def network_costs(network: Network) -> QuerySet[Cost]:
    return (
        Cost.objects.filter(network=network)
        .select_related("credit_of", "replaces", "credit")
        .prefetch_related(
            Prefetch("allocations", queryset=Allocation.objects.select_related("municipality"))
        )
        .order_by("-date", "-pk")
    )


# ---- summaries for invoicing ------------------------------------------------------------------


@dataclass
class MunicipalitySummary:
    """Per municipality and year: the share of each network's costs (rows by columns)."""

    year: int
    municipalities: list[Municipality]
    networks: list[Network]
    cells: dict[tuple[int, int], int]  # (municipality_id, network_id) → öre
    by_municipality: dict[int, int]
    by_network: dict[int, int]
    total: int

    def rows(self) -> list[tuple[Municipality, list[int], int]]:
        return [
            (
                m,
                [self.cells.get((m.pk, n.pk), 0) for n in self.networks],
                self.by_municipality.get(m.pk, 0),
            )
            for m in self.municipalities
        ]


def municipality_year_summary(year: int) -> MunicipalitySummary:
    """Every allocated öre of the year, by municipality and network (two queries)."""
    cells: dict[tuple[int, int], int] = defaultdict(int)
    munis: dict[int, Municipality] = {}
    nets: dict[int, Network] = {}
    rows = Allocation.objects.filter(cost__date__year=year).select_related(
        "municipality", "cost__network"
    )
    for a in rows:
        munis[a.municipality_id] = a.municipality
        nets[a.cost.network_id] = a.cost.network
        cells[(a.municipality_id, a.cost.network_id)] += a.amount_ore
    by_muni: dict[int, int] = defaultdict(int)
    by_net: dict[int, int] = defaultdict(int)
    for (mid, nid), ore in cells.items():
        by_muni[mid] += ore
        by_net[nid] += ore
    return MunicipalitySummary(
        year=year,
        municipalities=sorted(munis.values(), key=lambda m: m.name),
        networks=sorted(nets.values(), key=lambda n: n.name),
        cells=dict(cells),
        by_municipality=dict(by_muni),
        by_network=dict(by_net),
        total=sum(cells.values()),
    )


@dataclass
class NetworkYearRow:
    network: Network
    year: int
    total: int = 0
    allocated: int = 0
    not_shared: int = 0
    unallocated: int = 0
    count: int = 0


def network_year_summary(
    *, year: int | None = None, network: Network | None = None
) -> list[NetworkYearRow]:
    """Per network and year: all costs, split into allocated, the network's own, and those
    that could not be allocated (PR2 warning); allocated + own + unallocated = total."""
    costs = Cost.objects.select_related("network")
    if year is not None:
        costs = costs.filter(date__year=year)
    if network is not None:
        costs = costs.filter(network=network)
    out: dict[tuple[int, int], NetworkYearRow] = {}
    for c in costs.order_by("network__name", "date"):
        row = out.setdefault(
            (c.network_id, c.date.year), NetworkYearRow(network=c.network, year=c.date.year)
        )
        row.total += c.amount_ore
        row.count += 1
        if c.state == Cost.State.ALLOCATED:
            row.allocated += c.amount_ore
        elif c.state == Cost.State.NOT_SHARED:
            row.not_shared += c.amount_ore
        else:
            row.unallocated += c.amount_ore
    return sorted(out.values(), key=lambda r: (r.network.name, -r.year))


def municipality_cost_years(municipality: Municipality) -> list[tuple[int, Network, int]]:
    """A municipality's cost shares per year and network (for the municipality page)."""
    totals: dict[tuple[int, int], int] = defaultdict(int)
    nets: dict[int, Network] = {}
    for a in Allocation.objects.filter(municipality=municipality).select_related("cost__network"):
        totals[(a.cost.date.year, a.cost.network_id)] += a.amount_ore
        nets[a.cost.network_id] = a.cost.network
    return sorted(
        ((year, nets[nid], ore) for (year, nid), ore in totals.items()),
        key=lambda r: (-r[0], r[1].name),
    )
