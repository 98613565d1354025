"""Issue 16, "The accessibility statement (DOS-lagen)": a page "Tillgänglighetsredogörelse"
linked from every page's footer, with what DIGG requires, a report form that reaches the
secretariat, and texts the secretariat edits (defaults written for this system)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samverkan.cooperation.accessibility import services
from samverkan.cooperation.models import AccessibilityReport, AccessibilityStatement
from samverkan.core.errors import ServiceError
from samverkan.history.models import HistoryEntry
from samverkan.notifications.models import Notification

URL = "/tillganglighet/"


def test_every_page_footer_links_to_the_accessibility_statement(cast, client_for):
    for who, path in [("anonymous", "/"), ("member", "/min-sida/"), ("coordinator", "/natverk/")]:
        html = client_for(who).get(path).content.decode()
        footer = html[html.index('<footer class="site">') :]
        assert f'href="{URL}"' in footer and "Tillgänglighetsredogörelse" in footer, (who, path)


def test_statement_has_what_digg_requires_before_anyone_edits_it(cast, client_for):
    response = client_for("anonymous").get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Tillgänglighetsredogörelse" in html
    for sign in [
        "tillhandahålls av",  # who provides the service
        "EN 301 549",  # compliance status
        "WCAG 2.1",
        "delvis förenlig",
        "Innehåll som inte är tillgängligt",  # known inaccessible content and why
        "Rapportera brister",  # how to report, with the form
        'name="description"',
        "Box 14, 851 02 Sundsvall",  # the enforcement body's address (DIGG)
        "axe-core",  # when and how the assessment was made
        "Hur vi testat webbplatsen",
    ]:
        assert sign in html, sign


def test_a_report_from_the_form_reaches_the_secretariat_as_a_notice(cast, client_for):
    response = client_for("anonymous").post(
        URL,
        {
            "description": "Knappen Spara går inte att nå med tangentbordet.",
            "page": "/natverk/x/",
            "email": "anna@example.se",
        },
    )
    assert response.status_code == 302
    report = AccessibilityReport.objects.get()
    assert report.page == "/natverk/x/" and report.email == "anna@example.se"
    notices = Notification.objects.filter(kind="accessibility_report")
    assert {n.recipient for n in notices} == {cast.people["secretariat"]}
    notice = notices.get()
    assert "tangentbordet" in notice.body and "anna@example.se" in notice.body


def test_an_empty_report_is_refused_in_swedish_and_nothing_is_written(cast, client_for):
    response = client_for("member").post(URL, {"description": "  ", "email": "inte-en-adress"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Beskriv problemet." in html and "Ange en giltig e-postadress." in html
    assert not AccessibilityReport.objects.exists()
    assert not Notification.objects.filter(kind="accessibility_report").exists()
    with pytest.raises(ServiceError):
        services.report_problem(cast.user("member"), description="")


def test_secretariat_edits_the_statement_and_a_blank_text_shows_the_default(cast, client_for):
    client = client_for("secretariat")
    assert client.get(reverse("accessibility:edit")).status_code == 200
    response = client.post(
        reverse("accessibility:edit"),
        {
            "provider": "Sekretariatet i Familjen Helsingborg tillhandahåller tjänsten.",
            "compliance": "full",
            "known_issues": "",
            "report": "",
            "enforcement": "",
            "assessment": "Granskad av Funka i november 2026.",
            "assessed_on": "2026-11-20",
        },
    )
    assert response.status_code == 302
    statement = AccessibilityStatement.objects.get()
    assert statement.compliance == "full" and statement.assessed_on == datetime.date(2026, 11, 20)
    html = client_for("anonymous").get(URL).content.decode()
    assert "Sekretariatet i Familjen Helsingborg tillhandahåller tjänsten." in html
    assert "helt förenlig" in html and "Granskad av Funka" in html
    assert "Box 14, 851 02 Sundsvall" in html  # blank: the default stays
    assert "2026-11-20" in html
    assert HistoryEntry.objects.filter(object_repr="Tillgänglighetsredogörelse").exists()


def test_saving_the_same_statement_twice_writes_no_second_history_row(cast):
    texts = {"provider": "X", "known_issues": "", "report": "", "enforcement": "", "assessment": ""}
    services.update_statement(
        cast.user("secretariat"), compliance="partial", assessed_on=None, **texts
    )
    count = HistoryEntry.objects.count()
    services.update_statement(
        cast.user("secretariat"), compliance="partial", assessed_on=None, **texts
    )
    assert HistoryEntry.objects.count() == count


def test_only_the_secretariat_edits_the_statement(cast, client_for):
    assert client_for("coordinator").get(reverse("accessibility:edit")).status_code == 403
    assert "Redigera redogörelsen" not in client_for("coordinator").get(URL).content.decode()
    assert "Redigera redogörelsen" in client_for("secretariat").get(URL).content.decode()
    with pytest.raises(PermissionDenied):
        services.update_statement(cast.user("coordinator"), compliance="full", assessed_on=None)


def test_statement_reads_in_english(cast, client_for):
    client = client_for("member")
    client.post("/personer/sprak/", {"language": "en", "next": URL})
    html = client.get(URL).content.decode()
    assert "Accessibility statement" in html and "partially compliant" in html
