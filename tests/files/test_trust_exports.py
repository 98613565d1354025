"""Issue 13, part 3: no CSV or XLSX file of the app carries a formula (OWASP "CSV injection").

Each export is given a hostile text in a field it shows (a survey's free-text answer, a network's
name, a municipality's name) and the cell must come out neutralised: with a single quote in front
and, in XLSX, as a text cell (data type "s"), never a formula. Numbers stay numbers."""

import base64
import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from samverkan.agreements.models import Agreement, AgreementVersion
from samverkan.cooperation.models import Municipality
from samverkan.costs import services as cost_services
from samverkan.files.tables import safe_cell, table_response, xlsx_bytes
from samverkan.networks.models import Network
from samverkan.notifications.models import Notification
from samverkan.surveys import services as survey_services
from tests.surveys.helpers import CLOSES, add_members, answer_all, opened_round

HOSTILE = ['=HYPERLINK("http://evil","x")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
# A survey answer loses its leading white space when it is stored, so a tab or a carriage
# return never starts a free-text cell; the other four are tried there.
HOSTILE_TEXT = HOSTILE[:4]


def csv_cells(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def xlsx_cells(content: bytes) -> list:
    return [cell for row in load_workbook(io.BytesIO(content)).active.iter_rows() for cell in row]


def assert_csv_neutralised(response, hostile: str) -> None:
    assert response.status_code == 200
    cells = [c for row in csv_cells(response) for c in row if hostile in c]
    assert cells, f"{hostile!r} is not in the file"
    assert all(c.startswith("'" + hostile) for c in cells), cells


def assert_xlsx_neutralised(content: bytes, hostile: str) -> None:
    # openpyxl's own XML writer leaves a bare carriage return, which XML reads as a line feed;
    # with lxml installed (issue 15, the archive's XSD check) it writes &#13; and it stays.
    values = [c for c in xlsx_cells(content) if isinstance(c.value, str)]
    if not any(hostile in c.value for c in values):
        hostile = hostile.replace("\r", "\n")
    cells = [c for c in values if hostile in c.value]
    assert cells, f"{hostile!r} is not in the file"
    for cell in cells:
        assert cell.data_type == "s", (cell.coordinate, cell.data_type, cell.value)
        assert cell.value.startswith("'" + hostile)


def rename_network(network: Network, name: str) -> None:
    Network.objects.filter(pk=network.pk).update(name=name)


# ---- the one helper -------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", HOSTILE)
def test_helper_puts_a_quote_before_a_formula(hostile):
    assert safe_cell(hostile) == "'" + hostile


@pytest.mark.parametrize("value", [-5, 0, 12, Decimal("-12.34"), -1.5, None, "Konferens", ""])
def test_helper_leaves_numbers_and_plain_text(value):
    assert safe_cell(value) is value


def test_numbers_stay_numbers_and_negative_amounts_are_not_quoted(db):
    row = [-5, Decimal("-12.34"), -1.5, "-2+3", "Konferens"]
    cells = csv_cells(table_response("csv", "t", ["A", "B", "C", "D", "E"], [row]))
    assert cells[1] == ["-5", "-12,34", "-1,5", "'-2+3", "Konferens"]
    response = table_response("xlsx", "t", ["A", "B", "C", "D", "E"], [row])
    data = xlsx_cells(response.content)[5:]
    assert [c.data_type for c in data] == ["n", "n", "n", "s", "s"]
    assert [c.value for c in data] == [-5, -12.34, -1.5, "'-2+3", "Konferens"]


def test_header_and_error_codes_and_control_characters_stay_text(db):
    content = xlsx_bytes([("Blad", ["=A1", "#N/A"], [["ok\x01", "#REF!"]])])
    cells = xlsx_cells(content)
    assert [(c.data_type, c.value) for c in cells] == [
        ("s", "'=A1"),
        ("s", "#N/A"),
        ("s", "ok"),  # a control character XLSX cannot hold is dropped, not a crash
        ("s", "#REF!"),
    ]


# ---- every export ---------------------------------------------------------------------------


def _costs(cast) -> None:
    agreement, _ = Agreement.objects.get_or_create(network=cast.network)
    AgreementVersion.objects.update_or_create(
        agreement=agreement,
        number=1,
        defaults={
            "text": "Kostnader delas efter folkmängd.",
            "adopted_on": datetime.date(2020, 1, 1),
            "cost_sharing": "population",
        },
    )
    cost_services.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=datetime.date(2024, 3, 15),
        description="Konferens",
        amount_ore=10_000_000,
    )


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["kommuner", "natverk"])
def test_cost_summary_export_neutralises_a_network_name_PR2(cast, client_for, kind, fmt, hostile):
    _costs(cast)
    rename_network(cast.network, hostile)
    response = client_for("secretariat").get(f"/kostnader/{kind}.{fmt}?ar=2024")
    if fmt == "csv":
        assert_csv_neutralised(response, hostile)
    else:
        assert_xlsx_neutralised(response.content, hostile)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cost_summary_export_neutralises_a_municipality_name_PR2(cast, client_for, fmt):
    _costs(cast)
    hostile = '=HYPERLINK("http://evil","x")'
    Municipality.objects.filter(pk=cast.muni("Bjuv").pk).update(name=hostile)
    response = client_for("secretariat").get(f"/kostnader/kommuner.{fmt}?ar=2024")
    if fmt == "csv":
        assert_csv_neutralised(response, hostile)
        amounts = [row[4] for row in csv_cells(response)[1:]]
        assert all(a.isdigit() for a in amounts)  # öre stay plain numbers
    else:
        assert_xlsx_neutralised(response.content, hostile)


@pytest.mark.parametrize("hostile", HOSTILE)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_participation_matrix_export_neutralises_names(cast, client_for, fmt, hostile):
    rename_network(cast.other_network, hostile)  # a column heading
    Municipality.objects.filter(pk=cast.muni("Perstorp").pk).update(name=hostile + " kommun")
    response = client_for("reader").get(f"/rapporter/deltagande.{fmt}")
    if fmt == "csv":
        assert_csv_neutralised(response, hostile)
        assert_csv_neutralised(response, hostile + " kommun")
    else:
        assert_xlsx_neutralised(response.content, hostile)
        assert_xlsx_neutralised(response.content, hostile + " kommun")


def _closed_round_with_free_text(cast, hostile: str):
    """Five answers in IT-chefsnätverket, each free text starting with the hostile value."""
    people = add_members(cast, cast.other_network, 5)
    survey = opened_round(cast)
    answer_all(survey, cast.other_network, people, text=hostile)
    survey_services.close_round(cast.user("secretariat"), survey, today=CLOSES)
    return survey


def _free_text_cells_neutralised(values: list, hostile: str) -> None:
    texts = [v for v in values if isinstance(v, str) and hostile in v]
    assert texts, f"{hostile!r} is not in the file"
    assert all(v.startswith("'" + hostile) for v in texts), texts


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_survey_results_export_neutralises_free_text_P4(cast, client_for, fmt, hostile):
    survey = _closed_round_with_free_text(cast, hostile)
    response = client_for("secretariat").get(f"/enkater/{survey.pk}/resultat.{fmt}")
    assert response.status_code == 200
    if fmt == "csv":
        values = [c for row in csv_cells(response) for c in row]
        _free_text_cells_neutralised(values, hostile)
    else:
        cells = [c for c in xlsx_cells(response.content) if hostile in str(c.value)]
        assert cells and all(c.data_type == "s" for c in cells)
        _free_text_cells_neutralised([c.value for c in cells], hostile)


@pytest.mark.parametrize("hostile", HOSTILE_TEXT)
def test_emailed_survey_results_spreadsheet_neutralises_free_text_P4(cast, hostile):
    """The attack of the issue: `=HYPERLINK(…)` in the spreadsheet e-mailed with the results."""
    survey = _closed_round_with_free_text(cast, hostile)
    survey_services.send_results(cast.user("secretariat"), survey, today=CLOSES)
    notices = Notification.objects.filter(kind="survey_results")
    assert notices.exists()
    for notice in notices:
        (file,) = notice.attachments
        cells = [
            c for c in xlsx_cells(base64.b64decode(file["content"])) if hostile in str(c.value)
        ]
        assert cells and all(c.data_type == "s" for c in cells)
        _free_text_cells_neutralised([c.value for c in cells], hostile)
