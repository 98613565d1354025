"""The participation matrix and the yearly report (page and PDF)."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from samverkan.costs import services as cost_services
from samverkan.networks.models import Participation
from samverkan.reports.matrix import DECLINED, LEFT, PARTICIPATES, participation_matrix
from samverkan.surveys import services as survey_services
from samverkan.surveys.models import DirectorsGroupMember
from tests.surveys.helpers import add_members, answer_all, opened_round


def test_matrix_states(cast):
    today = datetime.date.today()
    Participation.objects.filter(network=cast.network, municipality=cast.muni("Bjuv")).update(
        left_on=today - datetime.timedelta(days=3)
    )
    Participation.objects.create(
        network=cast.other_network,
        municipality=cast.muni("Svalöv"),
        invited_on=today,
        answer="no",
        answered_on=today,
    )
    m = participation_matrix(today)
    assert m.cells[(cast.muni("Helsingborg").pk, cast.network.pk)] == PARTICIPATES
    assert m.cells[(cast.muni("Bjuv").pk, cast.network.pk)] == LEFT
    assert m.cells[(cast.muni("Svalöv").pk, cast.other_network.pk)] == DECLINED
    assert m.network_counts() == [1, 10]  # IT-chefsnätverket, Socialchefsnätverket


def test_matrix_page_table_and_files(cast, client_for):
    client = client_for("reader")
    page = client.get("/rapporter/deltagande/").content.decode()
    assert "<svg" in page and "Socialchefsnätverket" in page and "Deltar" in page
    book = load_workbook(io.BytesIO(client.get("/rapporter/deltagande.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0] == ("Kommun", "IT-chefsnätverket", "Socialchefsnätverket", "Antal nätverk")
    helsingborg = next(r for r in rows if r[0] == "Helsingborg")
    assert helsingborg[1:] == ("Deltar", "Deltar", "2")
    csv_text = client.get("/rapporter/deltagande.csv?omrade=nothing").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0] == "Kommun;Antal nätverk"


def test_dashboard_shows_survey_state_and_matrix(cast, client_for):
    page = client_for("secretariat").get("/oversikt/").content.decode()
    assert "Kvalitetsenkäten (P4, ST2)" in page and "Ingen enkätomgång" in page
    assert 'class="heat-map"' in page


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("secretariat", 200)])
def test_yearly_report_access(cast, client_for, who, status):
    assert client_for(who).get("/rapporter/arsrapport/").status_code == status


def test_directors_group_reads_the_yearly_report(cast, client_for):
    DirectorsGroupMember.objects.create(person=cast.people["reader"])
    assert client_for("reader").get("/rapporter/arsrapport/").status_code == 200


def test_yearly_report_page_and_pdf_with_charts(cast, client_for, sharing):
    year = datetime.date.today().year
    sharing(cast.network, "population")
    cost_services.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=datetime.date(year, 1, 2),
        description="Konferens",
        amount_ore=10_000_000,
    )
    people = add_members(cast, cast.other_network, 5)
    today = datetime.date.today()
    survey = opened_round(cast, title="Kvalitetsenkät", opens=today, closes=today)
    answer_all(survey, cast.other_network, people, value=4, today=today)
    survey_services.close_round(cast.user("secretariat"), survey, today=today)
    client = client_for("secretariat")
    page = client.get(f"/rapporter/arsrapport/{year}/").content.decode()
    for text in (
        "Årsrapport",
        "Checklistan per regel",
        "Kvalitetsenkät",
        "Helsingborg",
        "40\u00a0936,27\u00a0kr",
        "Kommunernas deltagande",
        "P4",
    ):
        assert text in page
    assert page.count("<svg") >= 3
    response = client.get(f"/rapporter/arsrapport/{year}.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert f"Årsrapport {year}" in text and "Familjen Helsingborg" in text
    assert "Kostnader per kommun" in text and "Helsingborg" in text
    assert "IT-chefsnätverket" in text and "Kvalitetsenkäten" in text


def test_yearly_report_sent_to_directors_group_with_pdf(cast, client_for):
    import base64

    from samverkan.notifications.models import Notification
    from samverkan.people.models import Person

    year = datetime.date.today().year
    client = client_for("secretariat")
    page = client.post(
        f"/rapporter/arsrapport/{year}/skicka/", {"confirm": "on"}, follow=True
    ).content.decode()
    assert "inga mottagare" in page
    dora = Person.objects.create(name="Dora Direktör", email="dora@example.se")
    DirectorsGroupMember.objects.create(person=dora)
    client.post(f"/rapporter/arsrapport/{year}/skicka/", {"confirm": "on"})
    # nobody is told twice
    client.post(f"/rapporter/arsrapport/{year}/skicka/", {"confirm": "on"})
    (notice,) = Notification.objects.filter(kind="yearly_report")
    assert notice.recipient == dora
    pdf = base64.b64decode(notice.attachments[0]["content"])
    assert f"Årsrapport {year}" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert (
        client_for("coordinator").post(f"/rapporter/arsrapport/{year}/skicka/").status_code == 403
    )
