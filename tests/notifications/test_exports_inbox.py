"""Issue 14, part 4: one's inbox as CSV and XLSX (SPEC §5 "My page", "Files").

The file has what each notice of the page shows, one column each (the subject, the moment in
local time, the network, read or not), every notice of one's own and no one else's."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.notifications.models import Notification
from samverkan.notifications.services import notify
from tests.files.reading import csv_rows, download_links, xlsx_sheet
from tests.helpers import assert_same_queries, queries_of

URL = reverse("notifications:inbox")
HEADER = ["Ämne", "Tid", "Nätverk", "Läst"]


def notices(cast, name: str = "member", n: int = 3, first: int = 0, network="cast") -> None:
    for i in range(first, first + n):
        notify(
            [cast.people[name]],
            kind="test",
            subject=f"Notis {i}",
            body="Text",
            key=f"t:{name}:{i}",
            network=cast.network if network == "cast" else network,
        )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_inbox_file_has_each_notice_as_the_page_shows_it(cast, client_for, fmt):
    notices(cast, n=2)
    notices(cast, n=1, first=2, network=None)
    notices(cast, name="coordinator", n=1, first=9)
    moment = datetime.datetime(2021, 1, 15, 8, 30, tzinfo=datetime.UTC)
    Notification.objects.filter(subject="Notis 0").update(created_at=moment, read_at=moment)
    client = client_for("member")
    page = client.get(URL).content.decode()
    response = client.get(URL, {"format": fmt})
    local = timezone.localtime(moment)  # Stockholm: 09:30
    if fmt == "csv":
        rows = csv_rows(response)
        assert rows[-1] == [
            "Notis 0",
            local.strftime("%Y-%m-%d %H:%M"),
            "Socialchefsnätverket",
            "Ja",
        ]
        assert rows[1][0] == "Notis 2" and rows[1][2:] == ["", "Nej"]
    else:
        sheet = xlsx_sheet(response)
        assert sheet.title == "Inkorg" and sheet.frozen == "A2" and sheet.bold_header
        rows = [list(r) for r in sheet.rows]
        assert rows[-1] == ["Notis 0", local.replace(tzinfo=None), "Socialchefsnätverket", "Ja"]
        assert sheet.number_formats[-1][1] == "yyyy-mm-dd hh:mm"
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == ["Notis 2", "Notis 1", "Notis 0"]  # newest first
    assert "Notis 9" not in str(rows)  # the coordinator's
    assert f"{local:%Y-%m-%d %H:%M} · Socialchefsnätverket" in page


def test_inbox_file_has_every_notice_not_one_page(cast, client_for, settings):
    settings.INBOX_PAGE_SIZE = 2
    notices(cast, n=5)
    client = client_for("member")
    assert len(client.get(URL).context["page"].object_list) == 2
    assert len(csv_rows(client.get(URL, {"format": "csv", "sida": "1"}))) == 6
    assert download_links(client.get(URL, {"sida": "2"})) == ["?format=csv", "?format=xlsx"]


def test_inbox_file_is_nobodys_but_ones_own(cast, client_for, client):
    notices(cast, n=1)
    assert client.get(URL, {"format": "csv"})["Location"].startswith(reverse("account_login"))
    rows = csv_rows(client_for("secretariat").get(URL, {"format": "csv"}))
    assert rows == [HEADER]  # the secretariat does not read the member's inbox either


def test_inbox_file_queries_do_not_grow_with_its_rows(cast, client_for):
    client = client_for("member")
    notices(cast, n=5)
    five = queries_of(client.get, URL, {"format": "xlsx"})
    notices(cast, n=60, first=5)
    notices(cast, n=5, first=65, network=cast.other_network)
    seventy = queries_of(client.get, URL, {"format": "xlsx"})
    assert len(xlsx_sheet(client.get(URL, {"format": "xlsx"})).rows) == 71
    assert_same_queries(five, seventy)
