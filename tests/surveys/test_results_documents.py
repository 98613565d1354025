"""The survey results as people open them (issue 18 §5): the page draws each question's chart
once, not once per network (1.8 MB and 135 inline charts for the demo's round), and stays
under 300 KB; free-text answers given more than once are shown once with their count; the
files write means with a decimal comma."""

import datetime

import pytest
from django.urls import reverse

from samverkan.networks.models import Network
from samverkan.surveys import services
from tests.files.reading import csv_rows, xlsx_sheet
from tests.surveys.helpers import add_members, opened_round, token_of

NETWORKS = 12
PAGE_LIMIT = 300 * 1024


@pytest.fixture
def answered(cast):
    """A closed round where twelve networks each had six answers, every one shown on its own."""
    nets = []
    for i in range(NETWORKS):
        net = Network.objects.create(
            name=f"Nätverk {i:02d}",
            slug=f"natverk-{i:02d}",
            area=cast.area,
            status=Network.Status.ACTIVE,
            started_on=datetime.date(2020, 1, 1),
        )
        nets.append((net, add_members(cast, net, 6, prefix=f"N{i}")))
    survey = opened_round(cast)
    for i, (net, people) in enumerate(nets):
        for j, person in enumerate(people):
            services.submit_response(
                token_of(survey, person, net),
                {
                    "value": 1 + (i + j) % 5,
                    "meetings": 1 + j % 5,
                    "frequency": "Som i dag",
                    "improve": "Fler studiebesök." if j % 2 else f"Svar {i}-{j}",
                },
                today=survey.opens_on,
            )
    services.close_round(cast.user("secretariat"), survey, today=survey.closes_on)
    return survey


def test_results_page_draws_each_chart_once_and_stays_small(answered, client_for):
    response = client_for("secretariat").get(reverse("surveys:results", args=[answered.pk]))
    html = response.content.decode()
    charted = answered.questions.filter(kind__in=["scale", "choice"]).count()
    main = html.split("<main", 1)[1]
    assert main.count("<svg") == charted  # five questions, not five per network
    assert html.count("Nätverk 11") >= 2  # every network still has its figures, as tables
    assert len(response.content) < PAGE_LIMIT


def test_free_text_given_more_than_once_shown_once_with_count(answered, client_for):
    html = client_for("secretariat").get(reverse("surveys:results", args=[answered.pk])).content
    page = html.decode().split("<main", 1)[1]
    whole = page.split('id="g-all"', 1)[1].split("</section>", 1)[0]
    assert whole.count("Fler studiebesök.") == 1
    assert f'Fler studiebesök. <span class="count">({3 * NETWORKS} svar)</span>' in whole


def test_results_file_writes_means_with_a_decimal_comma(answered, client_for):
    client = client_for("secretariat")
    url = reverse("surveys:results", args=[answered.pk])
    rows = csv_rows(client.get(url, {"format": "csv"}))
    header, body = rows[0], rows[1:]
    mean = header.index("Medelvärde")
    means = {r[mean] for r in body if r[mean]}
    assert means and all("," in m and "." not in m for m in means)
    assert all(len(m.split(",")[1]) == 2 for m in means)  # "3,00", never "3,0"
    grouped = [r for r in body if r[0] == "Hela samverkan" and r[4] == "Fler studiebesök."]
    assert [r[5] for r in grouped] == [str(3 * NETWORKS)]
    sheet = xlsx_sheet(client.get(url, {"format": "xlsx"}))
    numbers = [r[mean] for r in sheet.rows[1:] if r[mean] not in (None, "")]
    assert numbers and all(isinstance(n, int | float) for n in numbers)
