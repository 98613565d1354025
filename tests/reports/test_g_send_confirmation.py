"""Issue 16 §8: sending the yearly report to the directors' group is confirmed on a page of its
own, with the PDF to preview and the recipients by name; nothing goes out before."""

import datetime

from samverkan.notifications.models import Notification
from samverkan.people.models import Person
from samverkan.surveys.models import DirectorsGroupMember


def _dora(cast):
    dora = Person.objects.create(
        name="Dora Direktör", email="dora@example.se", municipality=cast.muni("Bjuv")
    )
    DirectorsGroupMember.objects.create(person=dora)
    return dora


def test_the_send_page_lists_the_recipients_and_links_the_pdf_before_sending(cast, client_for):
    _dora(cast)
    year = datetime.date.today().year
    page = client_for("secretariat").get(f"/rapporter/arsrapport/{year}/skicka/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Dora Direktör" in html and "dora@example.se" in html and "Bjuv" in html
    assert f"/rapporter/arsrapport/{year}.pdf" in html
    assert "Skicka till 1 mottagare" in html
    assert not Notification.objects.filter(kind="yearly_report").exists()


def test_the_yearly_report_page_links_to_the_confirmation_instead_of_sending(cast, client_for):
    year = datetime.date.today().year
    html = client_for("secretariat").get(f"/rapporter/arsrapport/{year}/").content.decode()
    assert f'href="/rapporter/arsrapport/{year}/skicka/"' in html


def test_sending_without_the_confirmation_sends_nothing_and_says_why(cast, client_for):
    _dora(cast)
    year = datetime.date.today().year
    response = client_for("secretariat").post(f"/rapporter/arsrapport/{year}/skicka/")
    assert response.status_code == 200
    assert "Kryssa i att du har granskat rapporten" in response.content.decode()
    assert not Notification.objects.filter(kind="yearly_report").exists()


def test_the_confirmed_sending_reaches_the_directors_group(cast, client_for):
    dora = _dora(cast)
    year = datetime.date.today().year
    response = client_for("secretariat").post(
        f"/rapporter/arsrapport/{year}/skicka/", {"confirm": "on"}
    )
    assert response.status_code == 302
    assert Notification.objects.get(kind="yearly_report").recipient == dora


def test_only_the_secretariat_sees_the_send_page(cast, client_for):
    year = datetime.date.today().year
    assert client_for("coordinator").get(f"/rapporter/arsrapport/{year}/skicka/").status_code == 403
