"""Survey pages: the one-time link, the secretariat's round page, results and files."""

import datetime
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from samverkan.surveys import services
from samverkan.surveys.models import Response, SealedResponse, SurveyRound
from tests.surveys.helpers import add_members, answer_all, close, opened_round, token_of


def test_member_answers_through_link_once_P4(cast):
    today = datetime.date.today()
    survey = opened_round(cast, opens=today, closes=today + datetime.timedelta(days=20))
    url = f"/enkater/svar/{token_of(survey, cast.people['member'], cast.network)}/"
    client = Client()  # no sign-in needed: the link is the key
    page = client.get(url)
    assert page.status_code == 200 and "Socialchefsnätverket" in page.content.decode()
    bad = client.post(url, {"value": "9"})
    assert bad.status_code == 200 and SealedResponse.objects.count() == 0
    done = client.post(url, {"value": "4", "frequency": "Som i dag", "improve": "Fler studiebesök"})
    assert "Tack" in done.content.decode()
    assert SealedResponse.objects.count() == 1 and Response.objects.count() == 0
    # A used link answers as an unknown one (issue 13): same status, same text.
    again = client.get(url)
    unknown = client.get("/enkater/svar/fel/")
    assert again.status_code == unknown.status_code == 404
    assert "Länken går inte att använda" in again.content.decode()
    assert client.post(url, {"value": "1"}).status_code == 404
    assert SealedResponse.objects.count() == 1
    close(cast, survey, today=today)
    assert Response.objects.get().answers == {
        "value": 4,
        "frequency": "Som i dag",
        "improve": "Fler studiebesök",
    }


def test_secretariat_runs_a_round_through_the_pages_P4(cast, client_for):
    client = client_for("secretariat")
    today = datetime.date.today()
    response = client.post(
        "/enkater/",
        {
            "title": "Enkät",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=14)).isoformat(),
        },
    )
    survey = SurveyRound.objects.get()
    assert response.status_code == 302
    assert client.get(f"/enkater/{survey.pk}/").status_code == 200
    client.post(
        f"/enkater/{survey.pk}/",
        {"kind": "choice", "text": "Vilket verktyg?", "choices": "A\nB"},
    )
    assert survey.questions.filter(text="Vilket verktyg?").exists()
    client.post(f"/enkater/{survey.pk}/oppna/")
    survey.refresh_from_db()
    assert survey.state == "open" and survey.invitations.count() == 4
    client.post(f"/enkater/{survey.pk}/stang/")
    page = client.post(f"/enkater/{survey.pk}/stang/", follow=True).content.decode()
    assert "redan stängd" in page


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reader", 404),
        ("member", 200),
        ("coordinator", 200),
        ("secretariat", 200),
        ("outsider", 200),
    ],
)
def test_results_access_after_closing(cast, client_for, who, status):
    survey = opened_round(cast)
    services.close_round(cast.user("secretariat"), survey)
    assert client_for(who).get(f"/enkater/{survey.pk}/resultat/").status_code == status


def test_results_hidden_from_members_while_open(cast, client_for):
    survey = opened_round(cast)
    assert client_for("member").get(f"/enkater/{survey.pk}/resultat/").status_code == 404
    assert client_for("secretariat").get(f"/enkater/{survey.pk}/resultat/").status_code == 200


def test_results_page_charts_tables_change_and_files_P4(cast, client_for):
    people = add_members(cast, cast.other_network, 5)
    first = opened_round(
        cast, title="Enkät 2024", opens=datetime.date(2024, 3, 1), closes=datetime.date(2024, 3, 30)
    )
    answer_all(first, cast.other_network, people, value=3, today=datetime.date(2024, 3, 2))
    services.close_round(cast.user("secretariat"), first, today=datetime.date(2024, 3, 30))
    second = opened_round(cast, title="Enkät 2026")
    answer_all(second, cast.other_network, people, value=5)
    services.close_round(cast.user("secretariat"), second)
    client = client_for("secretariat")
    page = client.get(f"/enkater/{second.pk}/resultat/").content.decode()
    assert "<svg" in page and 'aria-hidden="true"' in page
    assert "IT-chefsnätverket" in page and "+2,00" in page  # 3 → 5 since Enkät 2024
    assert "<script" not in page.split("<main", 1)[1]
    csv_text = client.get(f"/enkater/{second.pk}/resultat.csv").content.decode("utf-8-sig")
    assert "IT-chefsnätverket" in csv_text and "Övriga nätverk" not in csv_text
    book = load_workbook(io.BytesIO(client.get(f"/enkater/{second.pk}/resultat.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    value_rows = [
        r for r in rows if r[0] == "IT-chefsnätverket" and r[4] == "5" and "värde" in r[3]
    ]
    assert value_rows and value_rows[0][5] == 5 and value_rows[0][8] == 2.0
    # A member of the other network only sees the cooperation and their own network.
    member_page = client_for("member").get(f"/enkater/{second.pk}/resultat/").content.decode()
    assert "Hela samverkan" in member_page
    assert 'id="g-network-' not in member_page


def test_directors_group_list_kept_by_secretariat(cast, client_for):
    client = client_for("secretariat")
    client.post("/enkater/kommundirektorsgruppen/", {"name": "Dora", "email": "dora@example.se"})
    page = client.get("/enkater/kommundirektorsgruppen/").content.decode()
    assert "dora@example.se" in page
    assert client_for("coordinator").get("/enkater/kommundirektorsgruppen/").status_code == 403


def test_my_page_links_to_my_open_survey(cast, client_for):
    today = datetime.date.today()
    survey = opened_round(cast, opens=today, closes=today + datetime.timedelta(days=5))
    link = f"/enkater/svar/{token_of(survey, cast.people['member'], cast.network)}/"
    page = client_for("member").get("/min-sida/").content.decode()
    assert link in page
    assert "Ingen enkät att besvara" in client_for("reader").get("/min-sida/").content.decode()
    # Once used, the link leaves the owner's page (known through the secret key only).
    services.submit_response(token_of(survey, cast.people["member"], cast.network), {"value": 3})
    page = client_for("member").get("/min-sida/").content.decode()
    assert link not in page and "Ingen enkät att besvara" in page


def test_results_page_queries_do_not_grow_with_networks(cast, client_for):
    from samverkan.networks.models import Network
    from tests.helpers import assert_same_queries, queries_of

    client = client_for("secretariat")
    secretariat = cast.user("secretariat")

    def closed_round(title, opens):
        survey = opened_round(cast, title=title, opens=opens, closes=opens)
        for network in Network.objects.filter(status="active"):
            people = [i.person for i in survey.invitations.filter(network=network)]
            answer_all(survey, network, people, today=opens)
        services.close_round(secretariat, survey, today=opens)
        return survey

    add_members(cast, cast.other_network, 5)
    closed_round("Ett", datetime.date(2024, 1, 10))
    second = closed_round("Två", datetime.date(2025, 1, 10))
    before = queries_of(client.get, f"/enkater/{second.pk}/resultat/")
    for i in range(4):
        net = Network.objects.create(
            name=f"Extra {i}",
            slug=f"extra-{i}",
            area=cast.area,
            status="active",
            started_on=datetime.date(2020, 1, 1),
        )
        add_members(cast, net, 5)
    third = closed_round("Tre", datetime.date(2026, 1, 10))
    after = queries_of(client.get, f"/enkater/{third.pk}/resultat/")
    assert_same_queries(before, after)
