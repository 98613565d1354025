"""Issue 14, part 4: the secretariat's questions (ST1) as CSV and XLSX (SPEC §5 "Files").

The file has the inbox's columns and every question, unanswered first as on the page; only the
secretariat gets it, as only the secretariat gets the page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.networks.material import services
from samverkan.networks.models import Question
from tests.files.reading import csv_rows, download_links, page_table, xlsx_sheet
from tests.helpers import assert_same_queries, queries_of

URL = reverse("networks:question_inbox")
HEADER = ["Fråga", "Nätverk", "Från", "Ställd", "Status"]


def ask(cast, who: str, network, subject: str) -> Question:
    return services.ask_question(
        cast.user(who), network, topic="other", subject=subject, text="Hur gör vi?"
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_questions_file_has_the_inbox_columns_and_rows(cast, client_for, fmt):
    answered = ask(cast, "member", cast.network, "Logotypen")
    services.reply_to_question(cast.user("secretariat"), answered, text="Så här.")
    ask(cast, "outsider", cast.other_network, "=Budget 2026")
    client = client_for("secretariat")
    table = page_table(client.get(URL), "Alla frågor")
    response = client.get(URL, {"format": fmt})
    today = timezone.localdate()
    if fmt == "csv":
        rows = csv_rows(response)
        assert rows[1:] == [
            [
                "'=Budget 2026",
                "IT-chefsnätverket",
                "Otto Utomstående",
                today.isoformat(),
                "obesvarad",
            ],
            ["Logotypen", "Socialchefsnätverket", "Maja Medlem", today.isoformat(), "besvarad"],
        ]
    else:
        sheet = xlsx_sheet(response)
        rows = [list(r) for r in sheet.rows]
        assert sheet.title == "Frågor" and sheet.frozen == "A2" and sheet.bold_header
        assert isinstance(rows[1][3], datetime.datetime)  # a date cell
        assert rows[1][3].date() == today and sheet.number_formats[1][3] == "yyyy-mm-dd"
        assert rows[2][:3] == ["Logotypen", "Socialchefsnätverket", "Maja Medlem"]
    assert rows[0] == table.headings == HEADER
    # The page's rows, as the file has them (the file neutralises the leading "=").
    assert table.rows == [
        ["=Budget 2026", "IT-chefsnätverket", "Otto Utomstående", today.isoformat(), "obesvarad"],
        ["Logotypen", "Socialchefsnätverket", "Maja Medlem", today.isoformat(), "besvarad"],
    ]


def test_questions_file_has_every_question_not_one_page(cast, client_for):
    Question.objects.bulk_create(
        Question(network=cast.network, asker=cast.people["member"], topic="other", subject=f"F{i}")
        for i in range(35)
    )
    client = client_for("secretariat")
    assert len(page_table(client.get(URL), "Alla frågor").rows) == 30
    assert len(csv_rows(client.get(URL, {"format": "csv"}))) == 36
    assert download_links(client.get(URL, {"sida": "2"})) == ["?format=csv", "?format=xlsx"]


@pytest.mark.parametrize("who", ["reader", "member", "secretary", "coordinator", "outsider"])
def test_questions_file_is_the_secretariats_as_the_page_is(cast, client_for, who):
    ask(cast, "member", cast.network, "Logotypen")
    client = client_for(who)
    assert client.get(URL).status_code == 403
    for fmt in ("csv", "xlsx"):
        response = client.get(URL, {"format": fmt})
        assert response.status_code == 403 and b"Logotypen" not in response.content


def test_questions_file_queries_do_not_grow_with_its_rows(cast, client_for):
    def add(n: int) -> None:
        Question.objects.bulk_create(
            Question(network=net, asker=cast.people[who], topic="other", subject=f"F{i}")
            for i in range(n)
            for net, who in ((cast.network, "member"), (cast.other_network, "outsider"))
        )

    client = client_for("secretariat")
    add(5)
    ten = queries_of(client.get, URL, {"format": "xlsx"})
    add(45)
    hundred = queries_of(client.get, URL, {"format": "xlsx"})
    assert len(xlsx_sheet(client.get(URL, {"format": "xlsx"})).rows) == 101
    assert_same_queries(ten, hundred)
