"""Issue 14, part 4: the network's lists as CSV and XLSX, "Ladda ner CSV / Excel" beside each
list (SPEC §5 "Files"): members and roles, meetings, attendance per meeting and per year,
matters, mandates, working groups and the network's costs.

Each file has the page's columns (a file gives a cell of its own to what a page puts in one:
a date under a title, a period "from–to", a warning badge), all rows, dates as dates, amounts as
kronor with two decimals, yes/no as a boolean; asked for by one who may not read the page, it
answers as the page does; and its query count does not grow with its rows."""

import csv
import datetime
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import formats
from openpyxl import load_workbook

from samverkan.agreements.models import Mandate, Matter, WorkingGroup
from samverkan.cooperation.models import Municipality, Organisation
from samverkan.costs.models import Cost
from samverkan.files.tables import XLSX_TYPE
from samverkan.meetings.models import STOCKHOLM, Attendance, Meeting, Minutes
from samverkan.networks.models import Membership, Participation
from samverkan.people.models import Person
from tests.helpers import assert_same_queries, queries_of

YEAR = 2025  # a past year: its meetings are held
DAY = datetime.date(YEAR, 3, 11)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


# ---- reading pages and files ------------------------------------------------------------------


@dataclass
class Table:
    caption: str = ""
    headings: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


class Tables(HTMLParser):
    """The tables of a page as a sighted reader sees them: column headings (those with no
    visible text left out, e.g. "Åtgärd"), and each row's cell texts, without .sr-only text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.hidden = 0  # depth inside a .sr-only element
        self.stack: list[str] = []
        self.cell: list[str] | None = None
        self.cell_kind = ""
        self.row: list[str] | None = None
        self.in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in ("br", "input", "img", "hr", "meta", "link"):
            if tag == "br" and self.cell is not None:
                self.cell.append(" ")
            return
        self.stack.append(tag)
        if self.hidden or "sr-only" in classes:
            self.hidden += 1
        if tag == "table":
            self.tables.append(Table())
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []
            self.cell_kind = "col" if dict(attrs).get("scope") == "col" else "cell"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "input", "img", "hr", "meta", "link") or not self.stack:
            return
        self.stack.pop()
        if self.hidden:
            self.hidden -= 1
        if tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            text = " ".join("".join(self.cell).split())
            if self.cell_kind == "col":
                if text:
                    self.tables[-1].headings.append(text)
            else:
                self.row.append(text)
            self.cell = None
        elif tag == "tr" and self.row:
            self.tables[-1].rows.append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.in_caption and self.tables:
            self.tables[-1].caption += data.strip()
        if self.cell is not None and not self.hidden:
            self.cell.append(data)


def page_tables(response) -> list[Table]:
    assert response.status_code == 200, response
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.tables


def with_format(url: str, fmt: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}format={fmt}"


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # the BOM Swedish Excel wants
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def xlsx_sheet(response):
    assert response.status_code == 200, response
    assert response["Content-Type"] == XLSX_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    return sheet


def xlsx_values(sheet) -> list[list[Any]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def both(client, url: str) -> tuple[list[list[str]], Any]:
    return csv_rows(client.get(with_format(url, "csv"))), xlsx_sheet(
        client.get(with_format(url, "xlsx"))
    )


def shown(day: datetime.date | None) -> str:
    """A date as the pages show it with {{ date }} (Swedish DATE_FORMAT), or "–"."""
    return formats.date_format(day) if day else "–"


def assert_date_cell(cell, day: datetime.date) -> None:
    assert cell.is_date, (cell.coordinate, cell.value)
    assert cell.value.date() == day


def assert_kronor_cell(cell, kronor: str) -> None:
    assert cell.data_type == "n", (cell.coordinate, cell.value)
    assert cell.number_format == "#,##0.00"
    assert f"{cell.value:.2f}" == kronor


# ---- the lists: their pages, and rows to add --------------------------------------------------


def people(cast, n: int, first: int, prefix: str = "Person") -> list[Person]:
    munis = list(cast.municipalities.values())
    return Person.objects.bulk_create(
        Person(
            name=f"{prefix} {i:03d}",
            email=f"{prefix.lower()}{i}@example.se",
            municipality=munis[i % len(munis)],
        )
        for i in range(first, first + n)
    )


@pytest.fixture
def meeting(cast):
    """A held meeting of YEAR with minutes and the cast's member present."""
    m = Meeting.objects.create(
        network=cast.network,
        title="Vårmöte",
        starts_at=at(DAY, 9),
        ends_at=at(DAY, 12),
        place="Kommunhuset, Bjuv",
        host=cast.muni("Bjuv"),
    )
    Minutes.objects.create(meeting=m, text="Protokoll", state=Minutes.State.DRAFT)
    Attendance.objects.create(
        meeting=m,
        person=cast.people["member"],
        municipality=cast.muni("Klippan"),
        status=Attendance.Status.PRESENT,
    )
    return m


def add_members(cast, meeting, n: int, first: int) -> None:
    Membership.objects.bulk_create(
        Membership(
            network=cast.network,
            person=p,
            municipality=p.municipality,
            role=Membership.Role.MEMBER,
            start_on=DAY,
        )
        for p in people(cast, n, first)
    )


def add_meetings(cast, meeting, n: int, first: int) -> None:
    for i in range(first, first + n):
        day = DAY + datetime.timedelta(days=7 * (i + 1))
        m = Meeting.objects.create(
            network=cast.network,
            starts_at=at(day, 9),
            ends_at=at(day, 12),
            host=cast.muni("Klippan") if i % 2 else None,
            status=Meeting.Status.CANCELLED if i % 3 == 2 else Meeting.Status.PLANNED,
        )
        if i % 2:
            Minutes.objects.create(meeting=m, state=Minutes.State.DRAFT)
        Attendance.objects.create(
            meeting=m, person=cast.people["member"], status=Attendance.Status.PRESENT
        )


def add_attendance(cast, meeting, n: int, first: int) -> None:
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            person=p,
            municipality=p.municipality,
            status=Attendance.Status.EXCUSED if i % 2 else Attendance.Status.PRESENT,
            substitute=bool(i % 2),
        )
        for i, p in enumerate(people(cast, n, first))
    )


def add_municipalities(cast, meeting, n: int, first: int) -> None:
    """More participating municipalities (the rows of attendance per municipality), each
    with someone present at the meeting."""
    munis = Municipality.objects.bulk_create(
        Municipality(code=f"9{i:03d}", name=f"Kommun {i:03d}", slug=f"kommun-{i:03d}")
        for i in range(first, first + n)
    )
    Participation.objects.bulk_create(
        Participation(network=cast.network, municipality=m, joined_on=DAY) for m in munis
    )
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person=p, municipality=m, status=Attendance.Status.PRESENT)
        for p, m in zip(people(cast, n, first), munis, strict=True)
    )


def add_matters(cast, meeting, n: int, first: int) -> None:
    region, _ = Organisation.objects.get_or_create(
        name="Region Skåne", slug="region-skane", is_region=True
    )
    group = WorkingGroup.objects.create(
        network=cast.network, name="Gruppen", contact=cast.people["member"], start_on=DAY
    )
    for i in range(first, first + n):
        matter = Matter.objects.create(
            network=cast.network,
            title=f"Fråga {i:03d}",
            raised_on=DAY,
            raised_by=cast.muni("Bjuv") if i % 2 else None,
            with_region=bool(i % 2),
            working_group=group,
        )
        matter.concerned.set([cast.muni("Bjuv"), cast.muni("Klippan")])
        matter.organisations.set([region])


def add_mandates(cast, meeting, n: int, first: int) -> None:
    region, _ = Organisation.objects.get_or_create(
        name="Region Skåne", slug="region-skane", is_region=True
    )
    for i, person in enumerate(people(cast, n, first), start=first):
        mandate = Mandate.objects.create(
            network=cast.network,
            arena=f"Arena {i:03d}",
            organisation=region,
            start_on=DAY,
            end_on=DAY + datetime.timedelta(days=365),
        )
        mandate.people.set([person])
        mandate.represents.set([cast.muni("Bjuv"), cast.muni("Åstorp")])


def add_working_groups(cast, meeting, n: int, first: int) -> None:
    for i, person in enumerate(people(cast, n, first), start=first):
        group = WorkingGroup.objects.create(
            network=cast.network, name=f"Grupp {i:03d}", contact=person, start_on=DAY
        )
        group.members.set([person, cast.people["member"]])


def add_cost_years(cast, meeting, n: int, first: int) -> None:
    """One cost in each of n more years (the rows of costs per year)."""
    Cost.objects.bulk_create(
        Cost(
            network=cast.network,
            date=datetime.date(2000 + i, 6, 1),
            description=f"År {i}",
            amount_ore=10000,
            method=Cost.Method.NETWORK,
            state=Cost.State.NOT_SHARED,
        )
        for i in range(first, first + n)
    )


def add_costs(cast, meeting, n: int, first: int) -> None:
    Cost.objects.bulk_create(
        Cost(
            network=cast.network,
            date=DAY.replace(year=YEAR - (i % 3)),
            description=f"Kostnad {i:03d}",
            amount_ore=123456 + i,
            phase=Cost.Phase.OPERATION,
            method=Cost.Method.EQUAL,
            state=Cost.State.ALLOCATED if i % 2 else Cost.State.UNALLOCATED,
            invoiced_on=DAY if i % 2 else None,
        )
        for i in range(first, first + n)
    )


@dataclass(frozen=True)
class List:
    url: Any  # (cast, meeting) → the page's URL
    add: Any  # (cast, meeting, n, first) → n more rows in the file


LISTS = {
    "medlemmar": List(lambda c, m: reverse("networks:members", args=[c.network.slug]), add_members),
    "moten": List(
        lambda c, m: reverse("meetings:list", args=[c.network.slug]) + f"?ar={YEAR}", add_meetings
    ),
    "narvaro-mote": List(lambda c, m: m.get_absolute_url(), add_attendance),
    "narvaro-ar-kommuner": List(
        lambda c, m: (
            reverse("meetings:statistics", args=[c.network.slug]) + f"?ar={YEAR}&lista=kommuner"
        ),
        add_municipalities,
    ),
    "narvaro-ar-personer": List(
        lambda c, m: (
            reverse("meetings:statistics", args=[c.network.slug]) + f"?ar={YEAR}&lista=personer"
        ),
        add_attendance,
    ),
    "fragor": List(lambda c, m: reverse("agreements:matters", args=[c.network.slug]), add_matters),
    "uppdrag": List(
        lambda c, m: reverse("agreements:mandates", args=[c.network.slug]), add_mandates
    ),
    "arbetsgrupper": List(
        lambda c, m: reverse("agreements:working_groups", args=[c.network.slug]),
        add_working_groups,
    ),
    "kostnader": List(
        lambda c, m: reverse("costs:network", args=[c.network.slug]) + "?lista=alla", add_costs
    ),
    "kostnader-per-ar": List(
        lambda c, m: reverse("costs:network", args=[c.network.slug]) + "?lista=per-ar",
        add_cost_years,
    ),
}


# ---- every list: the links, who gets it, and flat query counts --------------------------------


def links(html: str) -> list[dict[str, list[str]]]:
    hrefs = [part.split('"')[0].replace("&amp;", "&") for part in html.split('href="')[1:]]
    return [parse_qs(urlsplit(h).query) for h in hrefs if "format=" in h]


@pytest.mark.parametrize("name", list(LISTS))
def test_the_page_links_its_list_as_csv_and_excel(cast, meeting, client_for, name):
    """The links "Ladda ner: CSV / Excel" beside the list: the page's address with its filters (the
    year) and, on a page of two lists, the list's name."""
    url = LISTS[name].url(cast, meeting)
    page_url = url.replace("&lista=personer", "").replace("?lista=per-ar", "")
    html = client_for("coordinator").get(page_url).content.decode()
    assert "Ladda ner" in html
    asked = parse_qs(urlsplit(url).query)
    for fmt in ("csv", "xlsx"):
        found = [q for q in links(html) if q.pop("format") == [fmt]]
        assert asked in found, (fmt, found)


@pytest.mark.parametrize("who", ["anonymous", "reader", "outsider", "member"])
@pytest.mark.parametrize("name", list(LISTS))
def test_the_file_is_refused_as_the_page_is(cast, meeting, client_for, name, who):
    """The page's access check runs first: a non-member gets the page's 403, a stranger its
    404, one not signed in the login page."""
    client = client_for(who)
    url = LISTS[name].url(cast, meeting)
    page = client.get(url)
    for fmt in ("csv", "xlsx"):
        file = client.get(with_format(url, fmt))
        assert file.status_code == page.status_code, (who, fmt, file.status_code)
        if page.status_code == 302:
            assert file["Location"].split("?")[0] == page["Location"].split("?")[0]
        if page.status_code != 200:
            assert not file.get("Content-Disposition")


@pytest.mark.parametrize("name", [n for n in LISTS if n not in ("medlemmar",)])
def test_internal_lists_are_refused_to_an_outsider(cast, meeting, client_for, name):
    url = LISTS[name].url(cast, meeting)
    assert client_for("outsider").get(with_format(url, "xlsx")).status_code == 403


def test_an_unknown_network_is_not_found(cast, meeting, client_for):
    client = client_for("coordinator")
    for name in ("medlemmar", "moten", "fragor", "kostnader"):
        url = LISTS[name].url(cast, meeting).replace(cast.network.slug, "finns-inte")
        assert client.get(with_format(url, "csv")).status_code == 404


@pytest.mark.parametrize("name", list(LISTS))
def test_an_export_costs_as_many_queries_for_3_and_for_15_rows(cast, meeting, client_for, name):
    client = client_for("coordinator")
    spec = LISTS[name]
    url = with_format(spec.url(cast, meeting), "xlsx")
    spec.add(cast, meeting, 3, 0)
    client.get(url)  # warm the caches of the first request
    small = queries_of(client.get, url)
    spec.add(cast, meeting, 12, 3)
    large = queries_of(client.get, url)
    rows = xlsx_sheet(client.get(url)).max_row
    assert rows >= 13, rows  # the rows really grew
    assert_same_queries(small, large)


def test_a_name_that_looks_like_a_formula_stays_text(cast, meeting, client_for):
    Person.objects.filter(pk=cast.people["member"].pk).update(name="=HYPERLINK(1)")
    client = client_for("coordinator")
    url = LISTS["medlemmar"].url(cast, meeting)
    rows, sheet = both(client, url)
    assert [r[0] for r in rows if "HYPERLINK" in r[0]] == ["'=HYPERLINK(1)"]
    cells = [c for row in sheet.iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert [(c.value, c.data_type) for c in cells] == [("'=HYPERLINK(1)", "s")]


# ---- each list: its columns and a row's values -------------------------------------------------


def test_members_and_roles(cast, meeting, client_for):
    client = client_for("coordinator")
    url = LISTS["medlemmar"].url(cast, meeting)
    table = page_tables(client.get(url))[0]
    rows, sheet = both(client, url)
    assert rows[0] == table.headings == ["Namn", "Roll", "Kommun", "E-post", "Från", "Till"]
    assert xlsx_values(sheet)[0] == table.headings
    assert sheet.title == "Medlemmar"
    assert len(rows) - 1 == len(table.rows) == 5  # every current role, as on the page
    member = next(r for r in rows if r[0] == "Maja Medlem")
    page_row = next(r for r in table.rows if r[0].startswith("Maja Medlem"))
    assert member == [
        "Maja Medlem",
        "Medlem",
        "Klippan",
        "maja.medlem@example.se",
        "2020-01-01",
        "",
    ]
    assert page_row[:6] == [*member[:4], shown(datetime.date(2020, 1, 1)), "–"]
    line = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Maja Medlem")
    assert_date_cell(line[4], datetime.date(2020, 1, 1))
    assert line[5].value is None
    response = client.get(with_format(url, "csv"))
    assert 'filename="socialchefsnatverket-medlemmar.csv"' in response["Content-Disposition"]


def test_members_page_as_htmx_partial_still_has_its_download_on_the_full_page(
    cast, meeting, client_for
):
    client = client_for("coordinator")
    url = LISTS["medlemmar"].url(cast, meeting)
    full = client.get(url).content.decode()
    assert "format=xlsx" in full
    # An htmx request asking for a file still gets the file, not the partial.
    response = client.get(with_format(url, "csv"), HTTP_HX_REQUEST="true")
    assert csv_rows(response)[0][0] == "Namn"


def test_meetings(cast, meeting, client_for):
    add_meetings(cast, meeting, 3, 0)  # with a cancelled one (i = 2) and one without minutes
    client = client_for("member")
    url = LISTS["moten"].url(cast, meeting)
    table = page_tables(client.get(url))[0]
    rows, sheet = both(client, url)
    assert rows[0] == table.headings
    assert table.headings == [
        "Datum",
        "Tid",
        "Plats",
        "Värdkommun",
        "Status",
        "Protokoll",
        "Närvarande",
    ]
    assert sheet.title == f"Möten {YEAR}"
    assert len(rows) - 1 == len(table.rows) == 4
    for file_row, page_row in zip(rows[1:], table.rows, strict=True):
        assert [c or "–" for c in file_row] == page_row
    first = next(sheet.iter_rows(min_row=2, max_row=2))
    assert_date_cell(first[0], DAY)
    assert [c.value for c in first[1:]] == [
        "09:00–12:00",
        "Kommunhuset, Bjuv",
        "Bjuv",
        "Hållet",
        "Utkast",
        1,
    ]
    cancelled = xlsx_values(sheet)[4]
    assert cancelled[4] == "Inställt" and cancelled[6] is None


def test_attendance_per_meeting(cast, meeting, client_for):
    Attendance.objects.create(
        meeting=meeting,
        person=cast.people["secretary"],
        municipality=None,
        status=Attendance.Status.EXCUSED,
        substitute=True,
    )
    client = client_for("member")
    url = LISTS["narvaro-mote"].url(cast, meeting)
    html = client.get(url).content.decode()
    rows, sheet = both(client, url)
    # The page lists them as "name, municipality: status (ersättare)".
    assert rows == [
        ["Namn", "Kommun", "Närvaro", "Ersättare"],
        ["Maja Medlem", "Klippan", "Närvarande", "Nej"],
        ["Sara Sekreterare", "", "Anmält förhinder", "Ja"],
    ]
    assert "Maja Medlem, Klippan: Närvarande" in html
    assert "Sara Sekreterare: Anmält förhinder (ersättare)" in html
    assert xlsx_values(sheet)[1:] == [
        ["Maja Medlem", "Klippan", "Närvarande", "Nej"],
        ["Sara Sekreterare", None, "Anmält förhinder", "Ja"],
    ]
    assert sheet.title == f"Närvaro {DAY.isoformat()}"


def test_attendance_per_year_per_municipality_and_per_person(cast, meeting, client_for):
    client = client_for("member")
    url = LISTS["narvaro-ar-kommuner"].url(cast, meeting)
    tables = page_tables(client.get(url))
    munis, persons = tables[0], tables[1]
    rows, sheet = both(client, url)
    assert rows[0] == [*munis.headings, "Saknas ofta"]
    assert munis.headings[0] == "Kommun" and munis.headings[-1] == "Andel"
    assert len(rows) - 1 == len(munis.rows) == 11
    klippan = next(r for r in rows if r[0] == "Klippan")
    assert klippan == ["Klippan", "1", "0", "0", "1", "100", "Nej"]
    page_klippan = next(r for r in munis.rows if r[0] == "Klippan")
    assert page_klippan == ["Klippan", "1", "0", "0", "1", "100 %"]
    bjuv = next(r for r in xlsx_values(sheet) if r[0] == "Bjuv")
    assert bjuv == ["Bjuv", 0, 0, 0, 1, 0, "Ja"]  # P3: mostly absent, the page's badge
    assert next(r for r in munis.rows if r[0].startswith("Bjuv"))[0] == "Bjuv Saknas ofta"
    assert sheet.title == f"Närvaro per kommun {YEAR}"

    rows, sheet = both(client, LISTS["narvaro-ar-personer"].url(cast, meeting))
    assert rows[0] == [*persons.headings, "Saknas ofta"]
    assert persons.headings[0] == "Person"
    assert rows[1:] == [["Maja Medlem", "1", "0", "0", "1", "100", "Nej"]]
    assert persons.rows == [["Maja Medlem", "1", "0", "0", "1", "100 %"]]
    assert sheet.title == f"Närvaro per person {YEAR}"


def test_matters(cast, meeting, client_for):
    add_matters(cast, meeting, 2, 0)
    client = client_for("member")
    url = LISTS["fragor"].url(cast, meeting)
    table = page_tables(client.get(url))[0]
    rows, sheet = both(client, url)
    # The page shows the date under the title and the organisations with "Ja": own columns here.
    page = table.headings
    headings = ["Ärende", "Väckt av", "Berör", "Status", "Regionen", "Frågeområde / arbetsgrupp"]
    assert page == headings
    assert rows[0] == [page[0], "Väckt den", *page[1:5], "Organisationer", page[5]]
    assert len(rows) - 1 == len(table.rows) == 2
    by_title = {r[0]: r for r in rows[1:]}
    assert by_title["Fråga 001"] == [
        "Fråga 001",
        DAY.isoformat(),
        "Bjuv",
        "Bjuv, Klippan",
        "Väckt",
        "Ja",
        "Region Skåne",
        "Gruppen",
    ]
    # Raised by the network, not with the region: the page shows "Nej" and no organisation.
    assert by_title["Fråga 000"][2] == "Nätverket"
    assert by_title["Fråga 000"][5:7] == ["Nej", ""]
    page_row = next(r for r in table.rows if r[0].startswith("Fråga 001"))
    assert page_row == [
        f"Fråga 001 {shown(DAY)}",
        "Bjuv",
        "Bjuv, Klippan",
        "Väckt",
        "Ja (Region Skåne)",
        "– / Gruppen",
    ]
    line = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Fråga 001")
    assert_date_cell(line[1], DAY)
    assert sheet.title == "Frågor"


def test_mandates(cast, meeting, client_for):
    add_mandates(cast, meeting, 2, 0)
    client = client_for("member")
    url = LISTS["uppdrag"].url(cast, meeting)
    html = client.get(url).content.decode()
    rows, sheet = both(client, url)
    end = DAY + datetime.timedelta(days=365)
    period = [DAY.isoformat(), end.isoformat()]
    assert rows == [
        ["Person", "Arena", "Organisation", "Från", "Till", "Ärende", "Företräder"],
        ["Person 000", "Arena 000", "Region Skåne", *period, "", "Bjuv, Åstorp"],
        ["Person 001", "Arena 001", "Region Skåne", *period, "", "Bjuv, Åstorp"],
    ]
    assert "Arena 000</strong> (Region Skåne)" in html and "Företräder: Bjuv, Åstorp" in html
    line = next(sheet.iter_rows(min_row=2, max_row=2))
    assert_date_cell(line[3], DAY)
    assert_date_cell(line[4], end)
    assert sheet.title == "Uppdrag"


def test_working_groups(cast, meeting, client_for):
    add_working_groups(cast, meeting, 1, 0)
    client = client_for("member")
    url = LISTS["arbetsgrupper"].url(cast, meeting)
    table = page_tables(client.get(url))[0]
    rows, sheet = both(client, url)
    page = table.headings
    assert page == ["Namn", "Frågeområde", "Kontaktperson", "Deltagare", "Period"]
    assert rows[0] == [*page[:3], "Kontaktpersonen har lämnat nätverket", page[3], "Från", "Till"]
    # Person 000 is no member of the network: the page's F4 warning, here a yes.
    assert rows[1] == [
        "Grupp 000",
        "",
        "Person 000",
        "Ja",
        "Maja Medlem, Person 000",
        DAY.isoformat(),
        "",
    ]
    assert table.rows[0][:4] == [
        "Grupp 000",
        "–",
        "Person 000 Har lämnat nätverket – utse ny kontaktperson (F4)",
        "Maja Medlem, Person 000",
    ]
    line = next(sheet.iter_rows(min_row=2, max_row=2))
    assert line[3].value == "Ja"
    assert_date_cell(line[5], DAY)
    assert sheet.title == "Arbetsgrupper"


def test_costs_every_cost_and_per_year(cast, meeting, client_for):
    add_costs(cast, meeting, 2, 0)  # 1234,56 kr unallocated; 1234,57 kr allocated, invoiced
    client = client_for("member")
    url = LISTS["kostnader"].url(cast, meeting)
    years, costs = page_tables(client.get(url))
    rows, sheet = both(client, url)
    assert rows[0] == costs.headings
    assert costs.headings == ["Datum", "Beskrivning", "Fas", "Belopp", "Fördelning", "Fakturerad"]
    assert len(rows) - 1 == len(costs.rows) == 2
    by_text = {r[1]: r for r in rows[1:]}
    assert by_text["Kostnad 000"] == [
        DAY.isoformat(),
        "Kostnad 000",
        "Löpande verksamhet",
        "1234,56",
        "Kan inte fördelas",
        "",
    ]
    last_year = DAY.replace(year=YEAR - 1)
    assert by_text["Kostnad 001"] == [
        last_year.isoformat(),
        "Kostnad 001",
        "Löpande verksamhet",
        "1234,57",
        "Lika delar",
        DAY.isoformat(),
    ]
    page_row = next(r for r in costs.rows if r[1] == "Kostnad 001")
    assert page_row == [*by_text["Kostnad 001"][:3], "1 234,57 kr", *by_text["Kostnad 001"][4:]]
    line = next(r for r in sheet.iter_rows(min_row=2) if r[1].value == "Kostnad 001")
    assert_date_cell(line[0], last_year)
    assert_kronor_cell(line[3], "1234.57")
    assert_date_cell(line[5], DAY)
    assert sheet.title == "Kostnader"

    rows, sheet = both(client, LISTS["kostnader-per-ar"].url(cast, meeting))
    assert rows[0] == years.headings
    assert years.headings == [
        "År",
        "Totalt",
        "Fördelat på kommuner",
        "Nätverkets egna",
        "Ej fördelat",
    ]
    assert rows[1:] == [
        [str(YEAR), "1234,56", "0,00", "0,00", "1234,56"],
        [str(YEAR - 1), "1234,57", "1234,57", "0,00", "0,00"],
    ]
    assert years.rows == [
        [str(YEAR), "1 234,56 kr", "0,00 kr", "0,00 kr", "1 234,56 kr"],
        [str(YEAR - 1), "1 234,57 kr", "1 234,57 kr", "0,00 kr", "0,00 kr"],
    ]
    line = next(sheet.iter_rows(min_row=2, max_row=2))
    assert line[0].value == YEAR and line[0].data_type == "n"
    for cell, kronor in zip(line[1:], ["1234.56", "0.00", "0.00", "1234.56"], strict=True):
        assert_kronor_cell(cell, kronor)
    assert sheet.title == "Kostnader per år"
