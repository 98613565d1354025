"""Issue 14, part 4: a survey round's results (P4) as files through the results page,
`?format=csv|xlsx`, with the links of templates/files/_download.html; the first addresses
(/enkater/<pk>/resultat.csv …) keep answering the same files, to the same people."""

import datetime

import pytest
from django.urls import reverse

from samverkan.surveys import services
from tests.files.reading import csv_rows, download_links, xlsx_sheet
from tests.helpers import assert_same_queries, queries_of
from tests.surveys.helpers import add_members, answer_all, opened_round


def closed_round(cast, n: int = 5):
    people = add_members(cast, cast.other_network, n)
    survey = opened_round(cast)
    answer_all(survey, cast.other_network, people)
    services.close_round(cast.user("secretariat"), survey)
    return survey


def url(survey) -> str:
    return reverse("surveys:results", args=[survey.pk])


def test_results_links_are_the_page_with_a_format(cast, client_for):
    survey = closed_round(cast)
    assert download_links(client_for("secretariat").get(url(survey))) == [
        "?format=csv",
        "?format=xlsx",
    ]


@pytest.mark.parametrize("who", ["secretariat", "outsider", "member"])
def test_the_page_gives_the_same_files_as_the_first_addresses(cast, client_for, who):
    survey = closed_round(cast)
    client = client_for(who)
    old = client.get(reverse("surveys:export", args=[survey.pk, "csv"]))
    new = client.get(url(survey), {"format": "csv"})
    assert new.content == old.content and len(csv_rows(new)) > 1
    old_x = xlsx_sheet(client.get(reverse("surveys:export", args=[survey.pk, "xlsx"])))
    new_x = xlsx_sheet(client.get(url(survey), {"format": "xlsx"}))
    assert new_x == old_x and new_x.title == "Resultat"


def test_results_file_answers_as_the_page_does(cast, client_for):
    """The reader, in no network, gets 404 for the page and for both files."""
    survey = closed_round(cast)
    reader = client_for("reader")
    assert reader.get(url(survey)).status_code == 404
    assert reader.get(url(survey), {"format": "csv"}).status_code == 404
    assert reader.get(reverse("surveys:export", args=[survey.pk, "xlsx"])).status_code == 404


def test_results_file_queries_do_not_grow_with_its_rows(cast, client_for):
    """Two rounds each with a previous one to compare with: 5 answers, then 25."""

    def answered_round(year: int, people) -> object:
        opens, closes = datetime.date(year, 3, 1), datetime.date(year, 3, 30)
        survey = opened_round(cast, title=f"Enkät {year}", opens=opens, closes=closes)
        answer_all(survey, cast.other_network, people, today=opens)
        services.close_round(cast.user("secretariat"), survey, today=closes)
        return survey

    five = add_members(cast, cast.other_network, 5)
    answered_round(2023, five)
    small_round = answered_round(2024, five)
    more = add_members(cast, cast.other_network, 20, prefix="Fler")
    large_round = answered_round(2025, five + more)
    client = client_for("secretariat")
    small = queries_of(client.get, url(small_round), {"format": "xlsx"})
    large = queries_of(client.get, url(large_round), {"format": "xlsx"})
    small_rows = xlsx_sheet(client.get(url(small_round), {"format": "xlsx"})).rows
    large_rows = xlsx_sheet(client.get(url(large_round), {"format": "xlsx"})).rows
    assert len(large_rows) > len(small_rows)  # 25 free-text answers against 5
    assert_same_queries(small, large)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_directors_list_as_a_file_is_the_secretariats(cast, client_for, fmt):
    """The municipal directors' group, the recipients of the results: names and addresses."""
    directors = [cast.people["reader"], cast.people["outsider"]]
    services.set_directors_group(cast.user("secretariat"), directors)
    url = reverse("surveys:directors")
    client = client_for("secretariat")
    assert download_links(client.get(url)) == ["?format=csv", "?format=xlsx"]
    response = client.get(url, {"format": fmt})
    rows = csv_rows(response) if fmt == "csv" else [list(r) for r in xlsx_sheet(response).rows]
    assert rows[0] == ["Namn", "E-post"]
    assert sorted(rows[1:]) == sorted([p.name, p.email] for p in directors)
    assert client_for("coordinator").get(url, {"format": fmt}).status_code == 403
