"""Issue 14, part 4: the secretariat's compliance matrix as CSV and XLSX, with the explanation of
every cell (SPEC §5 "Secretariat dashboard", "Files").

The page shows networks × rules with each cell's status and explanation; the file has one row
per network and rule (the rules that are the page's columns), with the status, the explanation
and the address of the fix, for every network the page's choices match."""

import pytest
from django.urls import reverse

from samverkan.compliance.selectors import registered_rules
from samverkan.dashboard import views
from tests.files.reading import csv_rows, download_links, page_table, xlsx_sheet
from tests.helpers import assert_same_queries, queries_of
from tests.networks.test_query_counts import add_networks

URL = reverse("dashboard:dashboard")
HEADER = [
    "Nätverk",
    "Verksamhetsområde",
    "Regel",
    "Regelns namn",
    "Utfall",
    "Förklaring",
    "Länk",
]


def file_rows(response, fmt: str) -> list[list]:
    if fmt == "csv":
        return csv_rows(response)
    return [["" if v is None else v for v in row] for row in xlsx_sheet(response).rows]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_matrix_file_has_every_cell_of_the_page_with_its_explanation(cast, client_for, fmt):
    client = client_for("secretariat")
    page = client.get(URL)
    table = page_table(page, "2 nätverk")
    rows = file_rows(client.get(URL, {"format": fmt}), fmt)
    assert rows[0] == HEADER
    titles = {r.id: str(r.title) for r in registered_rules()}
    # The page's columns in their groups; a collapsed group (no rule of it applies) is one
    # column of "–" (issue 16), whose rules the file leaves out as well.
    columns: list[str | None] = []
    for g in page.context["groups"]:
        columns += [None] if g.collapsed else [r.id for r in g.rules]
    rule_ids = [c for c in columns if c is not None]
    assert rule_ids, "the page shows no rules"
    assert [h for h in table.headings if h in titles] == rule_ids
    by_cell = {(r[0], r[2]): r for r in rows[1:]}
    assert len(by_cell) == len(rows) - 1 == 2 * len(rule_ids)  # each network × each column
    names = {r[0] for r in rows[1:]}
    page_rows = [r for r in table.rows if r[0] in names]  # not the group header row
    assert len(page_rows) == 2
    for page_row in page_rows:
        network, cells = page_row[0], page_row[1:]
        for rule_id, cell in zip(columns, cells, strict=True):
            if rule_id is None:  # a collapsed group
                assert cell == "–"
                continue
            row = by_cell[(network, rule_id)]
            assert row[1] == "Socialtjänst" and row[3] == titles[rule_id]
            if cell == "–":  # not applicable: the page says so to a screen reader only
                assert row[4] == "Ej tillämplig"
                continue
            assert row[4] in cell, (cell, row)  # the side panel: the verdict and its text
            assert row[5] and row[5] in cell, (cell, row)
            if row[6]:
                assert row[6].startswith("http://testserver/")


def test_matrix_xlsx_is_a_named_sheet_with_a_frozen_bold_header(cast, client_for):
    sheet = xlsx_sheet(client_for("secretariat").get(URL, {"format": "xlsx", "ar": "2025"}))
    assert sheet.title == "Checklistan 2025"
    assert sheet.frozen == "A2" and sheet.bold_header


def test_matrix_file_honours_the_choices_not_the_page(cast, client_for, monkeypatch):
    monkeypatch.setattr(views, "DASHBOARD_PAGE_SIZE", 1)
    client = client_for("secretariat")
    networks = {r[0] for r in csv_rows(client.get(URL, {"format": "csv", "sida": "1"}))[1:]}
    assert networks == {"IT-chefsnätverket", "Socialchefsnätverket"}
    none = csv_rows(client.get(URL, {"format": "csv", "omrade": "inget-sadant"}))
    assert none == [HEADER]
    missing = csv_rows(client.get(URL, {"format": "csv", "visa": "missing"}))
    monkeypatch.setattr(views, "DASHBOARD_PAGE_SIZE", 50)
    shown = client.get(URL, {"visa": "missing"}).context["rows"]
    assert {r[0] for r in missing[1:]} == {r.network.name for r in shown}
    assert all(any(v.status == "missing" for v in r.verdicts.values()) for r in shown)


def test_matrix_links_keep_the_choices(cast, client_for):
    links = download_links(client_for("secretariat").get(URL, {"ar": "2025", "visa": "warning"}))
    assert links == ["?ar=2025&visa=warning&format=csv", "?ar=2025&visa=warning&format=xlsx"]


@pytest.mark.parametrize("who", ["reader", "member", "coordinator", "outsider"])
def test_matrix_file_is_the_secretariats_as_the_page_is(cast, client_for, who):
    client = client_for(who)
    assert client.get(URL).status_code == 403
    assert client.get(URL, {"format": "csv"}).status_code == 403
    assert client.get(URL, {"format": "xlsx"}).status_code == 403


def test_matrix_file_sends_the_anonymous_to_sign_in(cast, client):
    assert client.get(URL, {"format": "csv"})["Location"].startswith(reverse("account_login"))


def test_matrix_file_queries_do_not_grow_with_its_rows(cast, client_for):
    client = client_for("secretariat")
    add_networks(cast, 8)
    ten = queries_of(client.get, URL, {"format": "xlsx"})
    add_networks(cast, 40, first=8)
    fifty = queries_of(client.get, URL, {"format": "xlsx"})
    rows = xlsx_sheet(client.get(URL, {"format": "xlsx"})).rows
    assert len({r[0] for r in rows[1:]}) == 50
    assert_same_queries(ten, fifty)
