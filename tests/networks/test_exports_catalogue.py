"""Issue 14, part 4: the catalogue as CSV and XLSX (SPEC §5 "Catalogue", "Files").

The file has what each entry of the page shows, one column each, for every network the
page's filters match (not only the page shown), and is open to whoever may read the page."""

import datetime

import pytest
from django.urls import reverse

from samverkan.cooperation.models import Cooperation
from samverkan.networks import services
from samverkan.networks.models import Network
from tests.files.reading import csv_rows, download_links, xlsx_sheet
from tests.helpers import assert_same_queries, queries_of
from tests.networks.test_query_counts import add_networks

URL = reverse("networks:catalogue")
HEADER = [
    "Nätverk",
    "Status",
    "Verksamhetsområde",
    "Antal kommuner",
    "Årsplan",
    "Syfte",
    "Samordnare",
]
PURPOSE = "Att stärka socialtjänsten i hela familjen, med gemensam kompetensutveckling."


def adopt(cast, network: Network, purpose: str) -> int:
    secretariat = cast.user("secretariat")
    year = datetime.date.today().year
    plan = services.save_year_plan(
        secretariat,
        network,
        year=year,
        purpose=purpose,
        goals="Mål",
        meeting_organisation="Möten",
        contribution="Bidrag",
        development_areas=[],
    )
    services.adopt_year_plan(secretariat, plan)
    return year


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_catalogue_file_has_the_entries_columns_and_rows(cast, client_for, fmt):
    year = adopt(cast, cast.network, PURPOSE)
    client = client_for("reader")
    page = client.get(URL).content.decode()
    response = client.get(URL, {"format": fmt})
    rows = csv_rows(response) if fmt == "csv" else [list(r) for r in xlsx_sheet(response).rows]
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == ["IT-chefsnätverket", "Socialchefsnätverket"]
    social = rows[2]
    expected = [
        "Socialchefsnätverket",
        "Aktivt",
        "Socialtjänst",
        11,
        year,
        PURPOSE,
        "Kim Samordnare (Landskrona)",
    ]
    if fmt == "csv":
        expected = [str(v) for v in expected]
    assert social == expected
    # What the page shows of the same network.
    for shown in ("Socialchefsnätverket", "Socialtjänst", "11 kommuner", f"Årsplan {year}"):
        assert shown in page
    assert "Kim Samordnare (Landskrona)" in page
    assert rows[1][4] in ("", None)  # no adopted plan: an empty cell


def test_catalogue_xlsx_is_a_named_sheet_with_a_frozen_bold_header(cast, client_for):
    sheet = xlsx_sheet(client_for("reader").get(URL, {"format": "xlsx"}))
    assert sheet.title == "Nätverk"
    assert sheet.frozen == "A2" and sheet.bold_header
    assert isinstance(sheet.rows[1][3], int)  # a count is a number


def test_catalogue_file_honours_the_filters_not_the_page(cast, client_for, settings):
    settings.CATALOGUE_PAGE_SIZE = 1
    client = client_for("reader")
    everything = csv_rows(client.get(URL, {"format": "csv", "sida": "1"}))
    assert len(everything) == 3  # both networks, though the page shows one
    only_bjuv = csv_rows(client.get(URL, {"format": "csv", "municipality": "bjuv"}))
    assert [r[0] for r in only_bjuv[1:]] == ["Socialchefsnätverket"]
    only_it = csv_rows(client.get(URL, {"format": "csv", "q": "it-chefsnätverket"}))
    assert [r[0] for r in only_it[1:]] == ["IT-chefsnätverket"]
    Network.objects.filter(pk=cast.network.pk).update(status=Network.Status.CLOSED)
    closed = csv_rows(client.get(URL, {"format": "csv", "status": "closed"}))
    assert [r[:2] for r in closed[1:]] == [["Socialchefsnätverket", "Avslutat"]]
    none = csv_rows(client.get(URL, {"format": "csv", "q": "inget sådant"}))
    assert none == [HEADER]


def test_catalogue_links_keep_the_filters_and_drop_the_page(cast, client_for, settings):
    settings.CATALOGUE_PAGE_SIZE = 1
    client = client_for("reader")
    links = download_links(client.get(URL, {"area": "socialtjanst", "sida": "2"}))
    assert links == ["?area=socialtjanst&format=csv", "?area=socialtjanst&format=xlsx"]
    # The htmx partial carries the links too, so that they follow the filters as they change.
    partial = client.get(URL, {"q": "it"}, headers={"HX-Request": "true", "HX-Target": "results"})
    assert download_links(partial) == ["?q=it&format=csv", "?q=it&format=xlsx"]


def test_catalogue_file_answers_as_the_page_does(cast, client):
    """Unpublished: the anonymous are sent to sign in for the file as for the page; published,
    they get the file without the coordinators' names (N6, contacts for signed-in readers)."""
    page = client.get(URL)
    file = client.get(URL, {"format": "csv"})
    assert page.status_code == file.status_code == 302
    assert file["Location"].startswith(reverse("account_login"))
    Cooperation.objects.update(publish_catalogue=True)
    rows = csv_rows(client.get(URL, {"format": "csv"}))
    assert rows[0] == HEADER[:-1]
    assert "Kim Samordnare" not in str(rows)


def test_catalogue_file_queries_do_not_grow_with_its_rows(cast, client_for):
    client = client_for("reader")
    add_networks(cast, 8)
    ten = queries_of(client.get, URL, {"format": "xlsx"})
    add_networks(cast, 40, first=8)
    fifty = queries_of(client.get, URL, {"format": "xlsx"})
    assert len(xlsx_sheet(client.get(URL, {"format": "xlsx"})).rows) == 51
    assert_same_queries(ten, fifty)
