"""PR2: recording, allocating, crediting and invoicing costs through the services."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from samverkan.cooperation.models import Municipality, PopulationFigure
from samverkan.core.errors import ServiceError
from samverkan.costs import services
from samverkan.costs.models import Allocation, Cost
from samverkan.costs.selectors import municipality_year_summary, network_year_summary
from samverkan.history.models import HistoryEntry
from samverkan.networks.models import Participation
from tests.costs.test_allocation import EXPECTED_100K

DAY = datetime.date(2024, 3, 15)


def record(cast, amount=10_000_000, day=DAY, who="coordinator", network=None):
    return services.record_cost(
        cast.user(who),
        network or cast.network,
        date=day,
        description="Utbildningsdag",
        amount_ore=amount,
        phase=Cost.Phase.DEVELOPMENT,
    )


def shares(cost):
    return {a.municipality.code: a.amount_ore for a in cost.allocations.all()}


def test_population_sharing_allocates_eleven_by_hand_PR2(cast, sharing):
    sharing(cast.network, "population")
    assert Cost.objects.count() == 0
    cost = record(cast)
    assert cost.method == "population" and cost.state == Cost.State.ALLOCATED
    assert shares(cost) == EXPECTED_100K
    helsingborg = cost.allocations.get(municipality__code="1283")
    assert helsingborg.population == 150975
    assert helsingborg.population_date == datetime.date(2022, 12, 31)
    assert HistoryEntry.objects.filter(object_repr__contains="Utbildningsdag").exists()


def test_equal_sharing_PR2(cast, sharing):
    sharing(cast.network, "equal")
    cost = record(cast, amount=1_000)  # 1000 / 11 = 90 each, 10 left
    values = shares(cost)
    assert sum(values.values()) == 1_000
    assert sorted(values.values()) == [90] + [91] * 10
    assert values["1275"] == 90  # Perstorp, the smallest population, gets no extra öre


def test_no_sharing_keeps_cost_with_network_PR2(cast, sharing):
    cost = record(cast)
    assert cost.method == "network" and cost.state == Cost.State.NOT_SHARED
    assert cost.allocations.count() == 0


def test_latest_figure_on_or_before_the_date_PR2(cast, sharing):
    sharing(cast.network, "population")
    hbg = cast.muni("Helsingborg")
    PopulationFigure.objects.create(
        municipality=hbg, date=datetime.date(2023, 12, 31), population=151_000, source="SCB"
    )
    PopulationFigure.objects.create(
        municipality=hbg, date=datetime.date(2024, 12, 31), population=999_999, source="SCB"
    )
    cost = record(cast)
    a = cost.allocations.get(municipality=hbg)
    assert (a.population, a.population_date) == (151_000, datetime.date(2023, 12, 31))


def test_joining_on_the_cost_date_takes_a_share_PR2(cast, sharing):
    sharing(cast.network, "population")
    Participation.objects.filter(network=cast.network, municipality__code="1214").update(
        joined_on=DAY
    )
    assert "1214" in shares(record(cast))
    Participation.objects.filter(network=cast.network, municipality__code="1214").update(
        joined_on=DAY + datetime.timedelta(days=1)
    )
    later = record(cast)
    assert "1214" not in shares(later)
    assert sum(shares(later).values()) == 10_000_000


def test_leaving_on_the_cost_date_still_takes_a_share_PR2(cast, sharing):
    """A participation holds through its last day (left_on inclusive, as everywhere)."""
    sharing(cast.network, "population")
    part = Participation.objects.get(network=cast.network, municipality__code="1283")
    part.left_on = DAY
    part.save()
    assert "1283" in shares(record(cast))
    part.left_on = DAY - datetime.timedelta(days=1)
    part.save()
    cost = record(cast)
    assert "1283" not in shares(cost)
    assert sum(shares(cost).values()) == 10_000_000


def test_missing_population_figure_stores_unallocated_and_flags_PR2(cast, sharing):
    sharing(cast.network, "population")
    new = Municipality.objects.create(code="1999", name="Nyby", slug="nyby")
    Participation.objects.create(network=cast.network, municipality=new, joined_on=DAY)
    cost = record(cast)
    assert cost.state == Cost.State.UNALLOCATED
    assert "Nyby" in cost.problem
    assert cost.allocations.count() == 0
    with pytest.raises(ServiceError, match="inte fördelad och kan inte faktureras"):
        services.mark_invoiced(cast.user("coordinator"), cost)
    # Once the figure exists, the coordinator allocates again.
    PopulationFigure.objects.create(municipality=new, date=DAY, population=1000, source="SCB")
    services.reallocate_cost(cast.user("coordinator"), cost)
    cost.refresh_from_db()
    assert cost.state == Cost.State.ALLOCATED and cost.problem == ""
    assert sum(shares(cost).values()) == 10_000_000


@pytest.mark.parametrize(
    ("amount", "day", "message"),
    [
        (-100, DAY, "större än noll"),
        (0, DAY, "större än noll"),
        (10.5, DAY, "delar av öre"),
        (100, datetime.date(2019, 12, 31), "innan nätverket startade"),
    ],
)
def test_bad_input_refused_in_swedish_nothing_written_PR2(cast, sharing, amount, day, message):
    sharing(cast.network, "population")
    with pytest.raises(ServiceError) as err:
        record(cast, amount=amount, day=day)
    assert message in err.value.message
    assert Cost.objects.count() == 0 and Allocation.objects.count() == 0


def test_only_editors_record_costs(cast, sharing):
    from django.core.exceptions import PermissionDenied

    for who in ("member", "reader", "outsider"):
        with pytest.raises(PermissionDenied):
            record(cast, who=who)
    assert Cost.objects.count() == 0
    record(cast, who="secretariat")
    assert Cost.objects.count() == 1


def test_invoiced_cost_is_locked_correction_is_credit_and_new_cost_PR2(cast, sharing):
    sharing(cast.network, "population")
    coordinator = cast.user("coordinator")
    cost = record(cast)
    services.mark_invoiced(coordinator, cost, on=datetime.date(2024, 4, 1))
    services.mark_invoiced(coordinator, cost)  # idempotent
    cost.refresh_from_db()
    assert cost.invoiced_on == datetime.date(2024, 4, 1)
    with pytest.raises(ServiceError, match="låst"):
        services.reallocate_cost(coordinator, cost)
    credit, new = services.correct_cost(
        coordinator,
        cost,
        date=datetime.date(2024, 4, 2),
        description="Utbildningsdag, rättad",
        amount_ore=8_000_000,
        phase=Cost.Phase.DEVELOPMENT,
    )
    assert credit.credit_of == cost and credit.amount_ore == -10_000_000
    assert shares(credit) == {code: -ore for code, ore in EXPECTED_100K.items()}
    assert new.replaces == cost and sum(shares(new).values()) == 8_000_000
    cost.refresh_from_db()
    assert (cost.amount_ore, shares(cost)) == (10_000_000, EXPECTED_100K)  # untouched
    with pytest.raises(ServiceError, match="redan krediterad"):
        services.credit_cost(coordinator, cost)
    summary = municipality_year_summary(2024)
    assert summary.total == 8_000_000
    assert sum(summary.by_municipality.values()) == sum(summary.by_network.values()) == 8_000_000


def test_summaries_match_to_the_ore_PR2(cast, sharing):
    sharing(cast.network, "population")
    sharing(cast.other_network, "equal")
    record(cast, amount=123_457)
    record(cast, amount=99_999_999, day=datetime.date(2024, 11, 30))
    record(cast, amount=5_001, network=cast.other_network, who="outsider")
    sharing(cast.network, "")
    record(cast, amount=700)  # the network's own
    summary = municipality_year_summary(2024)
    assert summary.total == 123_457 + 99_999_999 + 5_001
    assert sum(total for _, _, total in summary.rows()) == summary.total
    assert summary.by_network[cast.other_network.pk] == 5_001
    assert summary.by_municipality[cast.muni("Helsingborg").pk] > 5_001
    rows = {r.network.pk: r for r in network_year_summary(year=2024)}
    main = rows[cast.network.pk]
    assert main.total == 123_457 + 99_999_999 + 700
    assert main.allocated == 123_457 + 99_999_999 and main.not_shared == 700
    assert main.allocated + main.not_shared + main.unallocated == main.total


def test_command_prints_allocation_without_saving_PR2(cast, sharing):
    sharing(cast.network, "population")
    out = StringIO()
    call_command(
        "costs",
        "allocate",
        "--network",
        cast.network.slug,
        "--date",
        "2024-03-15",
        "--amount-ore",
        "10000000",
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["amount_ore"] == 10_000_000 and data["method"] == "population"
    hbg = next(a for a in data["allocations"] if a["municipality_code"] == "1283")
    assert hbg == {
        "municipality_code": "1283",
        "municipality": "Helsingborg",
        "population": 150975,
        "population_date": "2022-12-31",
        "population_table": "",
        "population_source": "SCB",
        "amount_ore": 4093627,
    }
    assert {a["municipality_code"]: a["amount_ore"] for a in data["allocations"]} == EXPECTED_100K
    assert Cost.objects.count() == 0


@pytest.mark.parametrize(
    ("amount", "message"), [("0", "större än noll"), ("12.5", "delar av öre"), ("-5", "noll")]
)
def test_command_refuses_bad_amounts(cast, sharing, amount, message):
    with pytest.raises(CommandError, match=message):
        call_command(
            "costs",
            "allocate",
            "--network",
            cast.network.slug,
            "--date",
            "2024-03-15",
            "--amount-ore",
            amount,
            "--format",
            "json",
            stdout=StringIO(),
        )
