"""Recording, correcting and invoicing a network's costs (PR2).

An invoiced cost is locked: a correction is a credit that reverses the original exactly and,
where needed, a new cost. Nothing is half-written: every action is one transaction."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.costs.access import require_can_edit_costs
from samverkan.costs.models import Allocation, Cost
from samverkan.costs.selectors import AllocationPlan, plan_allocation
from samverkan.history.context import acting
from samverkan.history.record import record_created
from samverkan.networks.models import Network
from samverkan.people.access import person_for

MAX_ORE = 10**13  # a hundred billion kronor: beyond that an amount is a typing error


def check_amount(amount_ore: Any) -> int:
    """PR2 input: a positive whole number of öre."""
    if isinstance(amount_ore, bool) or not isinstance(amount_ore, int):
        raise ServiceError(
            _("Beloppet ska anges i hela öre; delar av öre går inte att fördela."),
            field="amount",
        )
    if amount_ore <= 0:
        raise ServiceError(
            _("Beloppet måste vara större än noll. En rättelse görs som kreditering."),
            field="amount",
        )
    if amount_ore > MAX_ORE:
        raise ServiceError(_("Beloppet är orimligt stort."), field="amount")
    return amount_ore


def check_date(network: Network, day: datetime.date) -> None:
    start = network.started_on or network.proposed_on
    if start is not None and day < start:
        raise ServiceError(
            _("Kostnaden är daterad %(date)s, innan nätverket startade %(start)s.")
            % {"date": day.isoformat(), "start": start.isoformat()},
            field="date",
        )
    if network.closed_on is not None and day > network.closed_on:
        raise ServiceError(
            _("Kostnaden är daterad efter att nätverket avslutades %(closed)s.")
            % {"closed": network.closed_on.isoformat()},
            field="date",
        )


def _write_allocations(cost: Cost, plan: AllocationPlan) -> None:
    cost.method, cost.state, cost.problem = plan.method, plan.state, plan.problem
    cost.save(update_fields=["method", "state", "problem"])
    # bulk_create sends no signal: each share gets its history entry here (issue 13, part 6).
    record_created(
        Allocation.objects.bulk_create(
            Allocation(
                cost=cost,
                municipality=s.municipality,
                population=s.population,
                population_date=s.population_date,
                population_table=s.population_table,
                population_source=s.population_source,
                amount_ore=s.amount_ore,
            )
            for s in plan.shares
        )
    )


def _person(actor: Any) -> Any:
    return person_for(actor)


def record_cost(
    actor: Any,
    network: Network,
    *,
    date: datetime.date,
    description: str,
    amount_ore: int,
    phase: str = Cost.Phase.DEVELOPMENT,
    replaces: Cost | None = None,
) -> Cost:
    """A coordinator records a cost; PR2 allocates it to the municipalities that take part on
    its date. Where that is impossible it is stored without allocation and flagged."""
    require_can_edit_costs(actor, network)
    amount_ore = check_amount(amount_ore)
    description = description.strip()
    if not description:
        raise ServiceError(_("Beskriv kostnaden."), field="description")
    if phase not in Cost.Phase.values:
        raise ServiceError(_("Välj en fas."), field="phase")
    check_date(network, date)
    with transaction.atomic(), acting(actor, "record_cost"):
        return store_cost(
            network,
            date=date,
            description=description,
            amount_ore=amount_ore,
            phase=phase,
            replaces=replaces,
            created_by=_person(actor),
        )


def store_cost(
    network: Network,
    *,
    date: datetime.date,
    description: str,
    amount_ore: int,
    phase: str,
    replaces: Cost | None = None,
    created_by: Any = None,
) -> Cost:
    """Write a checked cost with its allocation (for record_cost and the demo data)."""
    plan = plan_allocation(network, date, amount_ore)
    cost = Cost.objects.create(
        network=network,
        date=date,
        description=description,
        amount_ore=amount_ore,
        phase=phase,
        method=plan.method,
        state=plan.state,
        problem=plan.problem,
        replaces=replaces,
        created_by=created_by,
    )
    _write_allocations(cost, plan)
    return cost


def reallocate_cost(actor: Any, cost: Cost) -> Cost:
    """Allocate again, e.g. after a missing population figure was added. Refused once
    invoiced (locked)."""
    require_can_edit_costs(actor, cost.network)
    _refuse_locked(cost)
    if cost.is_credit:
        raise ServiceError(_("En kreditering följer sin ursprungliga kostnad."))
    plan = plan_allocation(cost.network, cost.date, cost.amount_ore)
    with transaction.atomic(), acting(actor, "reallocate_cost"):
        cost.allocations.all().delete()
        _write_allocations(cost, plan)
    return cost


def _refuse_locked(cost: Cost) -> None:
    if cost.is_locked:
        raise ServiceError(
            _(
                "Kostnaden är fakturerad %(date)s och därför låst. Rätta den med en kreditering "
                "och en ny kostnad."
            )
            % {"date": cost.invoiced_on.isoformat() if cost.invoiced_on else ""}
        )


def credit_cost(actor: Any, cost: Cost, *, date: datetime.date | None = None) -> Cost:
    """A credit reverses the original cost öre for öre, municipality for municipality."""
    require_can_edit_costs(actor, cost.network)
    if cost.is_credit:
        raise ServiceError(_("En kreditering kan inte krediteras."))
    if Cost.objects.filter(credit_of=cost).exists():
        raise ServiceError(_("Kostnaden är redan krediterad."))
    day = date or timezone.localdate()
    with transaction.atomic(), acting(actor, "credit_cost"):
        credit = Cost.objects.create(
            network=cost.network,
            date=max(day, cost.date),
            description=_("Kreditering: %(description)s") % {"description": cost.description},
            amount_ore=-cost.amount_ore,
            phase=cost.phase,
            method=cost.method,
            state=cost.state,
            problem=cost.problem,
            credit_of=cost,
            created_by=_person(actor),
        )
        record_created(
            Allocation.objects.bulk_create(
                Allocation(
                    cost=credit,
                    municipality=a.municipality,
                    population=a.population,
                    population_date=a.population_date,
                    population_table=a.population_table,
                    population_source=a.population_source,
                    amount_ore=-a.amount_ore,
                )
                for a in cost.allocations.select_related("municipality")
            )
        )
    return credit


def correct_cost(
    actor: Any,
    cost: Cost,
    *,
    date: datetime.date,
    description: str,
    amount_ore: int,
    phase: str,
) -> tuple[Cost, Cost]:
    """Correct a cost by a credit and a new cost (the only way once it is invoiced)."""
    check_amount(amount_ore)
    check_date(cost.network, date)
    with transaction.atomic():
        credit = credit_cost(actor, cost, date=date)
        new = record_cost(
            actor,
            cost.network,
            date=date,
            description=description,
            amount_ore=amount_ore,
            phase=phase,
            replaces=cost,
        )
    return credit, new


def mark_invoiced(actor: Any, cost: Cost, *, on: datetime.date | None = None) -> Cost:
    """The cost's allocation has been invoiced: from now on it is locked. Idempotent."""
    require_can_edit_costs(actor, cost.network)
    if cost.is_locked:
        return cost
    if cost.state == Cost.State.UNALLOCATED:
        raise ServiceError(
            _("Kostnaden är inte fördelad och kan inte faktureras: %(problem)s")
            % {"problem": cost.problem}
        )
    with transaction.atomic(), acting(actor, "mark_invoiced"):
        cost.invoiced_on = on or timezone.localdate()
        cost.save(update_fields=["invoiced_on"])
    return cost
