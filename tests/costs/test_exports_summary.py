"""Issue 14, part 4: the invoicing summary's two lists (PR2) as files through the page itself,
`?lista=kommuner|natverk&format=csv|xlsx`, with the links of templates/files/_download.html;
the first addresses (/kostnader/kommuner.csv …) keep answering the same files."""

import datetime

import pytest
from django.urls import reverse

from samverkan.agreements.models import Agreement, AgreementVersion
from samverkan.costs import services
from samverkan.networks.models import Network, Participation
from tests.files.reading import csv_rows, download_links, xlsx_sheet
from tests.helpers import assert_same_queries, queries_of

URL = reverse("costs:summary")
START = datetime.date(2020, 1, 1)


def cost(cast, network, ore: int = 10_000_000) -> None:
    services.record_cost(
        cast.user("secretariat"),
        network,
        date=datetime.date(2024, 3, 15),
        description="Konferens",
        amount_ore=ore,
    )


def shared(network) -> None:
    agreement, _ = Agreement.objects.get_or_create(network=network)
    AgreementVersion.objects.update_or_create(
        agreement=agreement,
        number=1,
        defaults={"text": "T", "adopted_on": START, "cost_sharing": "population"},
    )


@pytest.fixture
def costs(cast):
    shared(cast.network)
    cost(cast, cast.network)


def test_summary_links_are_the_page_with_the_list_and_format(cast, client_for, costs):
    links = download_links(client_for("secretariat").get(URL, {"ar": "2024"}))
    assert links == [
        "?ar=2024&format=csv&lista=kommuner",
        "?ar=2024&format=xlsx&lista=kommuner",
        "?ar=2024&format=csv&lista=natverk",
        "?ar=2024&format=xlsx&lista=natverk",
    ]


@pytest.mark.parametrize("kind", ["kommuner", "natverk"])
def test_the_page_gives_the_same_files_as_the_first_addresses(cast, client_for, costs, kind):
    client = client_for("secretariat")
    old = client.get(reverse("costs:export", args=[kind, "csv"]), {"ar": "2024"})
    new = client.get(URL, {"ar": "2024", "lista": kind, "format": "csv"})
    assert new.content == old.content and new["Content-Disposition"] == old["Content-Disposition"]
    assert len(csv_rows(new)) > 1
    old_x = xlsx_sheet(client.get(reverse("costs:export", args=[kind, "xlsx"]), {"ar": "2024"}))
    new_x = xlsx_sheet(client.get(URL, {"ar": "2024", "lista": kind, "format": "xlsx"}))
    assert new_x == old_x and new_x.title == "2024" and new_x.frozen == "A2"


def test_the_first_list_is_given_when_none_is_named(cast, client_for, costs):
    client = client_for("secretariat")
    first = client.get(URL, {"ar": "2024", "format": "csv"})
    assert (
        first.content
        == client.get(URL, {"ar": "2024", "format": "csv", "lista": "kommuner"}).content
    )
    assert client.get(URL, {"ar": "2024", "format": "csv", "lista": "okand"}).status_code == 404


def test_amounts_are_kronor_with_two_decimals_PR2(cast, client_for, costs):
    sheet = xlsx_sheet(client_for("secretariat").get(URL, {"ar": "2024", "format": "xlsx"}))
    assert sheet.rows[0][-1] == "Kronor"
    assert sheet.rows[-1][-1] == 100_000 and sheet.number_formats[-1][-1] == "#,##0.00"
    rows = csv_rows(client_for("secretariat").get(URL, {"ar": "2024", "format": "csv"}))
    assert rows[-1][-1] == "100000,00"


@pytest.mark.parametrize("who", ["reader", "member", "coordinator"])
def test_summary_files_are_the_secretariats_as_the_page_is(cast, client_for, costs, who):
    client = client_for(who)
    assert client.get(URL).status_code == 403
    for kind in ("kommuner", "natverk"):
        assert client.get(URL, {"lista": kind, "format": "csv"}).status_code == 403
        assert client.get(reverse("costs:export", args=[kind, "xlsx"])).status_code == 403


def test_summary_file_queries_do_not_grow_with_its_rows(cast, client_for, costs):
    def add(n: int, first: int) -> None:
        for i in range(first, first + n):
            net = Network.objects.create(
                name=f"N{i}", slug=f"n-{i}", area=cast.area, status="active", started_on=START
            )
            for m in list(cast.municipalities.values())[:4]:
                Participation.objects.create(network=net, municipality=m, joined_on=START)
            shared(net)
            cost(cast, net, 100_000)

    client = client_for("secretariat")
    add(1, 0)
    small = {
        k: queries_of(client.get, URL, {"ar": "2024", "lista": k, "format": "xlsx"})
        for k in ("kommuner", "natverk")
    }
    add(5, 1)
    for kind, queries in small.items():
        large = queries_of(client.get, URL, {"ar": "2024", "lista": kind, "format": "xlsx"})
        assert_same_queries(queries, large)
