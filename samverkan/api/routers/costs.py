"""Costs in the API (PR2): record, correct, invoice, preview an allocation and the summaries,
through the same services and selectors as the pages."""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from samverkan.api.auth import require_secretariat, require_signed_in
from samverkan.api.kit import ERRORS, NETWORK, InSchema, YearQuery, operations
from samverkan.costs import access, selectors, services
from samverkan.costs.models import Cost
from samverkan.networks.models import Network

router = Router(tags=["Kostnader"])


class AllocationOut(Schema):
    municipality_code: str
    municipality: str
    population: int | None
    population_date: str | None
    population_table: str = ""
    population_source: str = ""
    amount_ore: int


class AllocationPlanOut(Schema):
    amount_ore: int
    method: str
    allocations: list[AllocationOut]
    problem: str | None = None


class CostOut(Schema):
    id: int
    network: str
    date: datetime.date
    description: str
    amount_ore: int
    phase: str
    method: str
    state: str
    problem: str
    invoiced_on: datetime.date | None
    credit_of: int | None
    replaces: int | None
    allocation: AllocationPlanOut


class CostIn(InSchema):
    date: datetime.date
    description: str
    amount_ore: int | float = Field(description="Whole öre, > 0")
    phase: str = Cost.Phase.DEVELOPMENT


class PreviewQuery(InSchema):
    date: datetime.date
    amount_ore: int | float


def cost_out(cost: Cost) -> dict[str, Any]:
    return {
        "id": cost.pk,
        "network": cost.network.slug,
        "date": cost.date,
        "description": cost.description,
        "amount_ore": cost.amount_ore,
        "phase": cost.phase,
        "method": cost.method,
        "state": cost.state,
        "problem": cost.problem,
        "invoiced_on": cost.invoiced_on,
        "credit_of": cost.credit_of_id,
        "replaces": cost.replaces_id,
        "allocation": selectors.stored_plan(cost).as_dict(),
    }


def _network(request: HttpRequest, slug: str, *, write: bool = False) -> tuple[Any, Network]:
    user = require_signed_in(request)
    return user, access.get_costs_network_for(user, slug, write=write)


def _cost(request: HttpRequest, cost_id: int, *, write: bool = False) -> tuple[Any, Cost]:
    user = require_signed_in(request)
    return user, access.get_cost_for(user, cost_id, write=write)


def _cost_fields(payload: CostIn) -> dict[str, Any]:
    """A CostIn, as record_cost and correct_cost take it."""
    return {
        "date": payload.date,
        "description": payload.description,
        "amount_ore": services.check_amount(payload.amount_ore),
        "phase": payload.phase,
    }


# The operations on one cost answer with the cost as it is afterwards.
on_cost = operations(router, "/costs/{int:cost_id}", CostOut)


@router.get(
    NETWORK + "/costs",
    response={200: list[CostOut], **ERRORS},
    summary="Nätverkets kostnader med fördelning (PR2)",
)
def list_costs(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    _user, network = _network(request, slug)
    return [cost_out(c) for c in selectors.network_costs(network).select_related("network")]


@router.post(
    NETWORK + "/costs",
    response={201: CostOut, **ERRORS},
    summary="Registrera en kostnad; den fördelas direkt (PR2)",
)
def create_cost(request: HttpRequest, slug: str, payload: CostIn) -> tuple[int, dict]:
    user, network = _network(request, slug, write=True)
    cost = services.record_cost(user, network, **_cost_fields(payload))
    return 201, cost_out(cost)


@router.get(
    NETWORK + "/costs/allocation",
    response={200: AllocationPlanOut, **ERRORS},
    summary="Visa en fördelning utan att spara (som manage.py costs allocate)",
)
def preview_allocation(request: HttpRequest, slug: str, query: Query[PreviewQuery]) -> Any:
    _user, network = _network(request, slug)
    amount = services.check_amount(query.amount_ore)
    services.check_date(network, query.date)
    return selectors.plan_allocation(network, query.date, amount).as_dict()


@on_cost("GET", "", "En kostnad")
def get_cost(request: HttpRequest, cost_id: int) -> dict[str, Any]:
    return cost_out(_cost(request, cost_id)[1])


@on_cost("POST", "/invoice", "Markera som fakturerad: kostnaden låses")
def invoice_cost(request: HttpRequest, cost_id: int) -> dict[str, Any]:
    user, cost = _cost(request, cost_id, write=True)
    return cost_out(services.mark_invoiced(user, cost))


@on_cost(
    "POST",
    "/credit",
    "Kreditera kostnaden (en negativ kostnad som vänder fördelningen)",
    status=201,
)
def credit(request: HttpRequest, cost_id: int) -> tuple[int, dict]:
    user, cost = _cost(request, cost_id, write=True)
    return 201, cost_out(services.credit_cost(user, cost))


@router.post(
    "/costs/{int:cost_id}/correct",
    response={201: list[CostOut], **ERRORS},
    summary="Rätta med kreditering och ny kostnad",
)
def correct(request: HttpRequest, cost_id: int, payload: CostIn) -> tuple[int, list]:
    user, cost = _cost(request, cost_id, write=True)
    credit_cost, new = services.correct_cost(user, cost, **_cost_fields(payload))
    return 201, [cost_out(credit_cost), cost_out(new)]


@on_cost("POST", "/reallocate", "Fördela på nytt (t.ex. när en folkmängd lagts till)")
def reallocate(request: HttpRequest, cost_id: int) -> dict[str, Any]:
    user, cost = _cost(request, cost_id, write=True)
    return cost_out(services.reallocate_cost(user, cost))


class MunicipalityTotalOut(Schema):
    municipality_code: str
    municipality: str
    network: str
    amount_ore: int


class MunicipalitySummaryOut(Schema):
    year: int
    total_ore: int
    rows: list[MunicipalityTotalOut]


@router.get(
    "/costs/summary/municipalities",
    response={200: MunicipalitySummaryOut, **ERRORS},
    summary="Kostnadsandelar per kommun och nätverk ett år (för fakturering)",
)
def summary_municipalities(request: HttpRequest, query: Query[YearQuery]) -> dict[str, Any]:
    require_secretariat(request)
    year = query.year_or_this()
    s = selectors.municipality_year_summary(year)
    rows = [
        {
            "municipality_code": m.code,
            "municipality": m.name,
            "network": n.slug,
            "amount_ore": s.cells[(m.pk, n.pk)],
        }
        for m in s.municipalities
        for n in s.networks
        if (m.pk, n.pk) in s.cells
    ]
    return {"year": year, "total_ore": s.total, "rows": rows}


class NetworkYearOut(Schema):
    network: str
    year: int
    count: int
    total_ore: int
    allocated_ore: int
    not_shared_ore: int
    unallocated_ore: int


@router.get(
    "/costs/summary/networks",
    response={200: list[NetworkYearOut], **ERRORS},
    summary="Kostnader per nätverk ett år",
)
def summary_networks(request: HttpRequest, query: Query[YearQuery]) -> list[dict[str, Any]]:
    require_secretariat(request)
    year = query.year_or_this()
    return [
        {
            "network": r.network.slug,
            "year": r.year,
            "count": r.count,
            "total_ore": r.total,
            "allocated_ore": r.allocated,
            "not_shared_ore": r.not_shared,
            "unallocated_ore": r.unallocated,
        }
        for r in selectors.network_year_summary(year=year)
    ]
