"""Issue 14, part 4: the municipality page's lists as CSV and XLSX (SPEC §5 "Municipality page",
"Files"): its networks (taking part, left, closed), its pending consultations and requests, its
people and their roles, its management contacts, its attendance (P3) and its cost shares (PR2).

Each list is asked for as `?lista=<name>&format=csv|xlsx` on the page (the page has several),
has the list's columns, and is given to whoever sees that list on the page: a list the viewer
does not see (the cost shares of another municipality) answers 404, as a list that does not
exist. The query count of each file does not grow with its rows."""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.urls import reverse

from samverkan.agreements.models import Agreement, AgreementVersion
from samverkan.cooperation.models import ManagementContact
from samverkan.costs import services as cost_services
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.models import Membership, Network, Participation, ParticipationRequest
from samverkan.people.models import Person
from tests.files.reading import csv_rows, download_links, page_table, xlsx_sheet
from tests.helpers import assert_same_queries, queries_of

START = datetime.date(2020, 1, 1)
LISTS = ["natverk", "samrad", "personer", "forvaltningsledning", "narvaro", "kostnadsandelar"]


def url(cast, name: str = "Klippan") -> str:
    return reverse("municipalities:detail", args=[cast.muni(name).slug])


def get_file(client, cast, lista: str, fmt: str = "csv", name: str = "Klippan"):
    return client.get(url(cast, name), {"lista": lista, "format": fmt})


def rows_of(response, fmt: str) -> list[list]:
    if fmt == "csv":
        return csv_rows(response)
    return [list(r) for r in xlsx_sheet(response).rows]


def network(cast, slug: str, status: str = Network.Status.ACTIVE, **kw) -> Network:
    return Network.objects.create(
        name=slug.capitalize(), slug=slug, area=cast.area, status=status, started_on=START, **kw
    )


def share_costs(cast) -> None:
    agreement, _ = Agreement.objects.get_or_create(network=cast.network)
    AgreementVersion.objects.update_or_create(
        agreement=agreement,
        number=1,
        defaults={
            "text": "Kostnader delas efter folkmängd.",
            "adopted_on": START,
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


# ---- each list: its columns and its rows ------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_networks_list_has_those_taken_part_in_left_and_closed(cast, client_for, fmt):
    klippan = cast.muni("Klippan")
    left = network(cast, "kulturnatverket")
    Participation.objects.create(
        network=left,
        municipality=klippan,
        joined_on=START,
        left_on=datetime.date(2022, 6, 30),
        leave_reason="Prioriteringar",
    )
    closed = network(
        cast, "skolnatverket", Network.Status.CLOSED, closed_on=datetime.date(2023, 1, 31)
    )
    Participation.objects.create(network=closed, municipality=klippan, joined_on=START)
    client = client_for("reader")
    page = client.get(url(cast)).content.decode()
    rows = rows_of(get_file(client, cast, "natverk", fmt), fmt)
    assert rows[0] == ["Nätverk", "Status", "Kommunens deltagande", "Från", "Till", "Anledning"]
    if fmt == "csv":
        assert rows[1:] == [
            ["Socialchefsnätverket", "Aktivt", "Deltar", "2020-01-01", "", ""],
            [
                "Kulturnatverket",
                "Aktivt",
                "Har lämnat",
                "2020-01-01",
                "2022-06-30",
                "Prioriteringar",
            ],
            ["Skolnatverket", "Avslutat", "Avslutat nätverk", "2020-01-01", "2023-01-31", ""],
        ]
    else:
        assert rows[2][3:] == [
            datetime.datetime(2020, 1, 1),
            datetime.datetime(2022, 6, 30),
            "Prioriteringar",
        ]
    for shown in ("Socialchefsnätverket", "Kulturnatverket", "Prioriteringar", "Skolnatverket"):
        assert shown in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_consultations_list_has_invitations_and_requests(cast, client_for, fmt):
    klippan = cast.muni("Klippan")
    starting = network(cast, "nystartat", Network.Status.STARTING)
    Participation.objects.create(
        network=starting, municipality=klippan, invited_on=datetime.date(2026, 1, 12)
    )
    ParticipationRequest.objects.create(
        network=cast.other_network,
        municipality=klippan,
        kind=ParticipationRequest.Kind.JOIN,
        requested_on=datetime.date(2026, 2, 3),
    )
    client = client_for("reader")
    page = client.get(url(cast)).content.decode()
    rows = rows_of(get_file(client, cast, "samrad", fmt), fmt)
    assert rows[0] == ["Vad", "Nätverk", "Datum", "Läge"]
    day = "2026-01-12" if fmt == "csv" else datetime.datetime(2026, 1, 12)
    assert rows[1] == ["Inbjudan att delta", "Nystartat", day, "inte besvarad"]
    assert rows[2][:2] == ["Gå med", "IT-chefsnätverket"]
    assert rows[2][3] == "väntar på samordnaren"
    assert "Nystartat" in page and "väntar på samordnaren" in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_people_list_has_the_tables_columns_and_rows(cast, client_for, fmt):
    client = client_for("reader")
    table = page_table(client.get(url(cast)), "Personer och roller")
    rows = rows_of(get_file(client, cast, "personer", fmt), fmt)
    assert rows[0] == table.headings == ["Namn", "Nätverk", "Roll", "E-post"]
    assert (
        rows[1:]
        == table.rows
        == [["Maja Medlem", "Socialchefsnätverket", "Medlem", "maja.medlem@example.se"]]
    )


def test_people_list_is_left_without_addresses_where_the_page_is(cast, client_for, monkeypatch):
    """N6: the page shows the addresses to signed-in readers only; so does the file."""
    from samverkan.networks.municipalities import sections

    monkeypatch.setattr(sections, "can_see_contacts", lambda user: False)
    rows = csv_rows(get_file(client_for("reader"), cast, "personer"))
    assert rows == [["Namn", "Nätverk", "Roll"], ["Maja Medlem", "Socialchefsnätverket", "Medlem"]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_contacts_list_has_area_name_and_address(cast, client_for, fmt):
    lifecycle.add_management_contact(
        cast.user("secretariat"),
        cast.muni("Klippan"),
        area=cast.area,
        name="Frida Förvaltningschef",
        email="frida@klippan.se",
        title="Socialchef",
    )
    client = client_for("reader")
    page = client.get(url(cast)).content.decode()
    rows = rows_of(get_file(client, cast, "forvaltningsledning", fmt), fmt)
    assert rows == [
        ["Verksamhetsområde", "Namn", "E-post"],
        ["Socialtjänst", "Frida Förvaltningschef", "frida@klippan.se"],
    ]
    assert "Socialtjänst: Frida Förvaltningschef" in page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_attendance_list_has_the_tables_columns(cast, client_for, fmt):
    client = client_for("reader")
    table = page_table(client.get(url(cast)), "närvaro per nätverk")
    rows = rows_of(get_file(client, cast, "narvaro", fmt), fmt)
    # The file gives the share as a number of per cent, and the page's badge a column.
    assert rows[0] == [*table.headings[:-1], "Andel (%)", "Saknas ofta"]
    assert table.rows == [["Socialchefsnätverket", "0", "0", "0", "0", "0 %"]]
    if fmt == "csv":
        assert rows[1:] == [["Socialchefsnätverket", "0", "0", "0", "0", "0", "Nej"]]
    else:
        assert rows[1:] == [["Socialchefsnätverket", 0, 0, 0, 0, 0, "Nej"]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cost_shares_list_has_kronor_PR2(cast, client_for, fmt):
    share_costs(cast)
    client = client_for("member")  # of Klippan, invoiced its share
    table = page_table(client.get(url(cast)), "andelar av nätverkens kostnader")
    response = get_file(client, cast, "kostnadsandelar", fmt)
    rows = rows_of(response, fmt)
    assert rows[0] == table.headings == ["År", "Nätverk", "Andel"]
    assert table.rows[-1][0] == "Summa 2024"  # the page's sum: the file leaves it to the reader
    assert [r[:2] for r in table.rows[:-1]] == [["2024", "Socialchefsnätverket"]]
    shown = table.rows[0][2]  # e.g. "4 763,08 kr"
    if fmt == "csv":
        year, name, amount = rows[1]
        assert (year, name) == ("2024", "Socialchefsnätverket")
        assert amount.replace(",", "").isdigit() and "," in amount
        assert shown.replace("\xa0", "").replace(" ", "") == f"{amount}kr"
    else:
        sheet = xlsx_sheet(response)
        assert rows[1][:2] == [2024, "Socialchefsnätverket"]
        assert isinstance(rows[1][2], float | int | Decimal)
        assert sheet.number_formats[1][2] == "#,##0.00"
        assert shown.replace("\xa0", "").replace(" ", "") == f"{rows[1][2]:.2f}kr".replace(".", ",")


# ---- the page's links, and who gets which list ------------------------------------------------


def test_each_list_has_its_links_on_the_page(cast, client_for):
    share_costs(cast)
    lifecycle.add_management_contact(
        cast.user("secretariat"), cast.muni("Klippan"), area=cast.area, name="F", email="f@k.se"
    )
    Participation.objects.create(
        network=network(cast, "nystartat", Network.Status.STARTING),
        municipality=cast.muni("Klippan"),
        invited_on=datetime.date(2026, 1, 12),
    )
    links = download_links(client_for("secretariat").get(url(cast)))
    for lista in LISTS:
        assert f"?format=csv&lista={lista}" in links, lista
        assert f"?format=xlsx&lista={lista}" in links, lista
    assert len(links) == 2 * len(LISTS)


def test_a_list_the_viewer_does_not_see_answers_404_PR2(cast, client_for):
    share_costs(cast)
    reader = client_for("reader")  # of Bjuv: Klippan's cost shares are not shown to them
    assert "Kostnadsandelar" not in reader.get(url(cast)).content.decode()
    assert get_file(reader, cast, "kostnadsandelar").status_code == 404
    assert get_file(client_for("member"), cast, "kostnadsandelar").status_code == 200
    assert get_file(client_for("secretariat"), cast, "kostnadsandelar").status_code == 200


@pytest.mark.parametrize("lista", ["", "okand", "../natverk"])
def test_an_unknown_list_answers_404_or_the_first(cast, client_for, lista):
    response = get_file(client_for("reader"), cast, lista)
    if lista == "":
        assert csv_rows(response)[0][0] == "Nätverk"  # the page's first list
    else:
        assert response.status_code == 404


def test_the_anonymous_are_sent_to_sign_in(cast, client):
    response = get_file(client, cast, "personer")
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


# ---- query counts -----------------------------------------------------------------------------


def _add_networks(cast, n: int, first: int) -> None:
    nets = Network.objects.bulk_create(
        Network(name=f"N{i:03d}", slug=f"n-{i:03d}", area=cast.area, status="active")
        for i in range(first, first + n)
    )
    Participation.objects.bulk_create(
        Participation(network=net, municipality=cast.muni("Klippan"), joined_on=START)
        for net in nets
    )


def _add_starting(cast, n: int, first: int) -> None:
    nets = Network.objects.bulk_create(
        Network(name=f"S{i:03d}", slug=f"s-{i:03d}", area=cast.area, status="starting")
        for i in range(first, first + n)
    )
    Participation.objects.bulk_create(
        Participation(network=net, municipality=cast.muni("Klippan"), invited_on=START)
        for net in nets
    )
    ParticipationRequest.objects.bulk_create(
        ParticipationRequest(
            network=net, municipality=cast.muni("Klippan"), kind="join", requested_on=START
        )
        for net in nets
    )


def _add_people(cast, n: int, first: int) -> None:
    people = Person.objects.bulk_create(
        Person(name=f"P{i:03d}", email=f"p{i}@klippan.se", municipality=cast.muni("Klippan"))
        for i in range(first, first + n)
    )
    Membership.objects.bulk_create(
        Membership(
            network=cast.network,
            person=p,
            municipality=cast.muni("Klippan"),
            role="member",
            start_on=START,
        )
        for p in people
    )
    ManagementContact.objects.bulk_create(
        ManagementContact(municipality=cast.muni("Klippan"), area=cast.area, person=p)
        for p in people
    )


def _add_costs(cast, n: int, first: int) -> None:
    for i in range(n):
        other = network(cast, f"kostnader-{first + i}")
        Participation.objects.create(
            network=other, municipality=cast.muni("Klippan"), joined_on=START
        )
        agreement = Agreement.objects.create(network=other)
        AgreementVersion.objects.create(
            agreement=agreement, number=1, text="T", adopted_on=START, cost_sharing="population"
        )
        cost_services.record_cost(
            cast.user("secretariat"),
            other,
            date=datetime.date(2024, 3, 15),
            description="Konferens",
            amount_ore=100_000,
        )


GROWERS: dict[str, Callable[..., None]] = {
    "natverk": _add_networks,
    "samrad": _add_starting,
    "personer": _add_people,
    "forvaltningsledning": _add_people,
    "narvaro": _add_networks,
    "kostnadsandelar": _add_costs,
}


@pytest.mark.parametrize("lista", LISTS)
def test_list_file_queries_do_not_grow_with_its_rows(cast, client_for, lista):
    client = client_for("secretariat")
    grow = GROWERS[lista]
    grow(cast, 2, 0)
    small = queries_of(get_file, client, cast, lista, "xlsx")
    few = len(xlsx_sheet(get_file(client, cast, lista, "xlsx")).rows)
    grow(cast, 8, 2)
    large = queries_of(get_file, client, cast, lista, "xlsx")
    many = len(xlsx_sheet(get_file(client, cast, lista, "xlsx")).rows)
    assert many >= few + 8
    assert_same_queries(small, large)
