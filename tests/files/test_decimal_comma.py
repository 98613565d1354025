"""Every CSV the app writes uses a decimal comma (issue 18 §5), as Swedish Excel reads it:
kronor, means and any other number with a fraction, never "3.45" and never "1e-05"."""

import datetime
from decimal import Decimal
from fractions import Fraction

from samverkan.costs import services as cost_services
from samverkan.files.tables import csv_response
from tests.costs.conftest import sharing  # noqa: F401
from tests.files.reading import csv_rows, xlsx_sheet


def test_numbers_with_fractions_are_written_with_a_comma():
    rows = [[Decimal("177500.5"), 3.45, Fraction(89, 25), 0.00001, -2.5, 12, "3.45 text"]]
    (row,) = csv_rows(csv_response("tal", ["a", "b", "c", "d", "e", "f", "g"], rows))[1:]
    assert row == ["177500,50", "3,45", "3,56", "0,00001", "-2,5", "12", "3.45 text"]


def test_cost_files_write_kronor_with_a_comma(cast, client_for, sharing):  # noqa: F811
    year = datetime.date.today().year
    sharing(cast.network, "equal")
    cost_services.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=datetime.date(year, 1, 2),
        description="Konferens",
        amount_ore=177_500_50,
    )
    client = client_for("secretariat")
    rows = csv_rows(client.get("/kostnader/kommuner.csv", {"ar": year}))
    kronor = rows[0].index("Kronor")
    assert rows[-1][kronor] == "177500,50"
    assert all("." not in r[kronor] for r in rows[1:])
    network_rows = csv_rows(
        client.get(f"/kostnader/natverk/{cast.network.slug}/", {"format": "csv"})
    )
    assert any("177500,50" in r for r in network_rows[1:])
    sheet = xlsx_sheet(client.get("/kostnader/kommuner.xlsx", {"ar": year}))
    assert sheet.rows[-1][kronor] == Decimal("177500.50") or sheet.rows[-1][kronor] == 177500.5
