"""Cost pages, the invoicing summary and its CSV/XLSX files (PR2)."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from samverkan.costs import services
from samverkan.costs.models import Cost
from tests.costs.test_allocation import EXPECTED_100K


def test_coordinator_records_cost_in_kronor_PR2(cast, sharing, client_for):
    sharing(cast.network, "population")
    client = client_for("coordinator")
    url = f"/kostnader/natverk/{cast.network.slug}/"
    response = client.post(
        url,
        {
            "date": "2024-03-15",
            "description": "Konferens",
            "amount": "100 000,00",
            "phase": "development",
        },
    )
    assert response.status_code == 302
    cost = Cost.objects.get()
    assert cost.amount_ore == 10_000_000
    assert {a.municipality.code: a.amount_ore for a in cost.allocations.all()} == EXPECTED_100K
    page = client.get(f"/kostnader/{cost.pk}/")
    assert "40\u00a0936,27\u00a0kr" in page.content.decode()  # Helsingborg's share


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5,00", "större än noll"),
        ("0", "större än noll"),
        ("12,345", "delar av öre"),
        ("tolv", "Ange beloppet"),
    ],
)
def test_bad_amounts_refused_on_the_form(cast, client_for, amount, message):
    response = client_for("coordinator").post(
        f"/kostnader/natverk/{cast.network.slug}/",
        {"date": "2024-03-15", "description": "X", "amount": amount, "phase": "development"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Cost.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("reader", 403),
        ("outsider", 403),
        ("member", 200),
        ("coordinator", 200),
        ("secretariat", 200),
    ],
)
def test_network_costs_page_access(cast, client_for, who, status):
    response = client_for(who).get(f"/kostnader/natverk/{cast.network.slug}/")
    assert response.status_code == status


def test_member_cannot_record(cast, client_for):
    response = client_for("member").post(
        f"/kostnader/natverk/{cast.network.slug}/",
        {"date": "2024-03-15", "description": "X", "amount": "10", "phase": "development"},
    )
    assert response.status_code == 403
    assert Cost.objects.count() == 0


def test_summary_page_and_files_match_to_the_ore_PR2(cast, sharing, client_for):
    sharing(cast.network, "population")
    services.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=datetime.date(2024, 3, 15),
        description="Konferens",
        amount_ore=10_000_000,
    )
    services.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=datetime.date(2024, 6, 1),
        description="Föreläsare",
        amount_ore=1_234_567,
    )
    client = client_for("secretariat")
    assert client_for("coordinator").get("/kostnader/?ar=2024").status_code == 403
    page = client.get("/kostnader/?ar=2024").content.decode()
    assert "112\u00a0345,67\u00a0kr" in page
    csv_text = client.get("/kostnader/kommuner.csv?ar=2024").content.decode("utf-8-sig")
    lines = [line.split(";") for line in csv_text.strip().splitlines()]
    detail = [row for row in lines[1:] if row[2] not in ("Summa", "")]
    assert sum(int(row[4]) for row in detail) == 11_234_567
    assert lines[-1][4] == "11234567"
    book = load_workbook(io.BytesIO(client.get("/kostnader/natverk.xlsx?ar=2024").content))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "Socialchefsnätverket" and rows[1][3] == 11_234_567
    assert rows[1][4] == 11_234_567  # all allocated


def test_municipality_page_shows_cost_shares_per_year_PR2(cast, sharing, client_for):
    sharing(cast.network, "population")
    services.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=datetime.date(2024, 3, 15),
        description="Konferens",
        amount_ore=10_000_000,
    )
    page = client_for("secretariat").get("/kommuner/helsingborg/").content.decode()
    assert "Kostnadsandelar" in page and "40\u00a0936,27\u00a0kr" in page
    # Sara works for Helsingborg and sees its shares; Rita (Bjuv) does not.
    assert (
        "Kostnadsandelar" in client_for("secretary").get("/kommuner/helsingborg/").content.decode()
    )
    assert (
        "Kostnadsandelar" not in client_for("reader").get("/kommuner/helsingborg/").content.decode()
    )


def test_network_page_links_to_costs_for_members_only(cast, client_for):
    url = f"/natverk/{cast.network.slug}/"
    assert "/kostnader/natverk/" in client_for("member").get(url).content.decode()
    assert "/kostnader/natverk/" not in client_for("reader").get(url).content.decode()


def test_summary_queries_do_not_grow_with_costs_PR2(cast, sharing, client_for):
    from tests.helpers import assert_same_queries, queries_of

    sharing(cast.network, "population")
    client = client_for("secretariat")
    services.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=datetime.date(2024, 3, 15),
        description="Ett",
        amount_ore=1_000,
    )
    before = queries_of(client.get, "/kostnader/?ar=2024")
    for i in range(10):
        services.record_cost(
            cast.user("coordinator"),
            cast.network,
            date=datetime.date(2024, 4, 1 + i),
            description=f"Fler {i}",
            amount_ore=1_000 + i,
        )
    assert_same_queries(before, queries_of(client.get, "/kostnader/?ar=2024"))
    before_network = queries_of(client.get, f"/kostnader/natverk/{cast.network.slug}/")
    services.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=datetime.date(2024, 6, 1),
        description="En till",
        amount_ore=5_000,
    )
    assert_same_queries(
        before_network, queries_of(client.get, f"/kostnader/natverk/{cast.network.slug}/")
    )
