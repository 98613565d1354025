"""Issue 14, part 4: the secretariat's people register, a page and its CSV and XLSX (SPEC §5
"Files"; the people the register import brings in, issue 14 part 1).

The page lists every person not anonymised, with their roles in the networks that have not
closed, searched by a part of a name or an address and filtered by municipality; the file has
the table's columns and every person the search finds, not only the page shown. Both are the
secretariat's: personal data of some hundred people is no reader's list."""

import datetime

import pytest
from django.urls import reverse

from samverkan.networks.models import Membership
from samverkan.networks.municipalities import views
from samverkan.people.models import Person
from tests.files.reading import csv_rows, download_links, page_table, xlsx_sheet
from tests.helpers import assert_same_queries, queries_of

URL = reverse("municipalities:people")
HEADER = [
    "Namn",
    "Titel",
    "Kommun eller organisation",
    "E-post",
    "Telefon",
    "Nätverk och roller",
    "Konto aktiverat",
]
KIM = [
    "Kim Samordnare",
    "Testtitel",
    "Landskrona",
    "kim.samordnare@example.se",
    "042-10 00 00",
    "Socialchefsnätverket (samordnare, medlem)",
]


def table_of(client, **query):
    return page_table(client.get(URL, query), "Personer och deras roller")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_people_file_has_the_tables_columns_and_rows(cast, client_for, fmt):
    client = client_for("secretariat")
    table = table_of(client)
    response = client.get(URL, {"format": fmt})
    if fmt == "csv":
        rows = csv_rows(response)
    else:
        sheet = xlsx_sheet(response)
        assert sheet.title == "Personer" and sheet.frozen == "A2" and sheet.bold_header
        rows = [list(r) for r in sheet.rows]
    assert rows[0] == table.headings == HEADER
    names = [r[0] for r in rows[1:]]
    assert names == [r[0] for r in table.rows] == sorted(p.name for p in cast.people.values())
    kim = next(r for r in rows if r[0] == "Kim Samordnare")
    assert kim[:6] == KIM
    assert kim[6] == "Ja"  # the cast's accounts have chosen a password
    assert next(r for r in table.rows if r[0] == "Kim Samordnare")[:6] == KIM


def test_people_file_says_whose_account_is_activated(cast, client_for):
    """A person with no account, and one whose account has never been used, are "Nej"."""
    Person.objects.create(
        name="Utan Konto", email="utan@example.se", municipality=cast.muni("Bjuv")
    )
    unused = cast.people["outsider"].user
    unused.set_unusable_password()
    unused.save()
    client = client_for("secretariat")
    rows = {r[0]: r[6] for r in csv_rows(client.get(URL, {"format": "csv"}))}
    assert rows["Utan Konto"] == rows["Otto Utomstående"] == "Nej"
    assert rows["Selma Sekretariat"] == rows["Kim Samordnare"] == "Ja"
    page = client.get(URL).content.decode()
    assert page.count("Ej aktiverad") == 2  # the page's badge, with the resend button


def test_people_file_honours_the_search_not_the_page(cast, client_for, monkeypatch):
    monkeypatch.setattr(views, "PEOPLE_PAGE_SIZE", 2)
    client = client_for("secretariat")
    assert len(table_of(client).rows) == 2
    assert len(csv_rows(client.get(URL, {"format": "csv", "sida": "1"}))) == 1 + len(cast.people)
    found = csv_rows(client.get(URL, {"format": "csv", "q": "SAMORDNARE"}))
    assert [r[0] for r in found[1:]] == ["Kim Samordnare"]
    by_address = csv_rows(client.get(URL, {"format": "csv", "q": "otto.utom"}))
    assert [r[0] for r in by_address[1:]] == ["Otto Utomstående"]
    helsingborg = csv_rows(client.get(URL, {"format": "csv", "municipality": "helsingborg"}))
    assert [r[0] for r in helsingborg[1:]] == ["Sara Sekreterare", "Selma Sekretariat"]
    assert csv_rows(client.get(URL, {"format": "csv", "q": "ingen sådan"})) == [HEADER]


def test_people_file_leaves_out_the_anonymised_and_ended_roles(cast, client_for):
    Person.objects.filter(pk=cast.people["reader"].pk).update(
        anonymised_on=datetime.date(2025, 1, 1)
    )
    Membership.objects.filter(person=cast.people["member"]).update(end_on=datetime.date(2021, 1, 1))
    rows = {r[0]: r for r in csv_rows(client_for("secretariat").get(URL, {"format": "csv"}))}
    assert "Rita Läsare" not in rows
    assert rows["Maja Medlem"][5] == ""


def test_people_links_keep_the_search(cast, client_for):
    links = download_links(client_for("secretariat").get(URL, {"q": "kim", "sida": "1"}))
    assert links == ["?q=kim&format=csv", "?q=kim&format=xlsx"]


@pytest.mark.parametrize("who", ["reader", "member", "secretary", "coordinator", "outsider"])
def test_people_page_and_file_are_the_secretariats(cast, client_for, who):
    client = client_for(who)
    for query in ({}, {"format": "csv"}, {"format": "xlsx"}):
        response = client.get(URL, query)
        assert response.status_code == 403 and b"maja.medlem@" not in response.content


def test_the_anonymous_are_sent_to_sign_in(cast, client):
    assert client.get(URL, {"format": "csv"})["Location"].startswith(reverse("account_login"))


def test_people_file_queries_do_not_grow_with_its_rows(cast, client_for):
    def add(n: int, first: int) -> None:
        people = Person.objects.bulk_create(
            Person(name=f"P{i:03d}", email=f"p{i}@example.se", municipality=cast.muni("Bjuv"))
            for i in range(first, first + n)
        )
        Membership.objects.bulk_create(
            Membership(network=net, person=p, role="member", start_on=cast.network.started_on)
            for p in people
            for net in (cast.network, cast.other_network)
        )

    client = client_for("secretariat")
    add(4, 0)
    ten = queries_of(client.get, URL, {"format": "xlsx"})
    add(50, 4)
    sixty = queries_of(client.get, URL, {"format": "xlsx"})
    assert len(xlsx_sheet(client.get(URL, {"format": "xlsx"})).rows) == 1 + 6 + 54
    assert_same_queries(ten, sixty)
