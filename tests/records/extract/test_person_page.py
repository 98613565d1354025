"""The secretariat's page about a person and the extract downloads (issue 15 §1)."""

import io
import json

import pytest
from django.urls import reverse
from pypdf import PdfReader

from samverkan.history.models import HistoryEntry
from samverkan.people.models import Person
from tests.helpers import assert_max_queries

pytestmark = pytest.mark.django_db

ROUTES = ("records:person", "records:extract_pdf", "records:extract_json")


@pytest.fixture
def no_typesetting(monkeypatch):
    """Who may have the PDF is decided before WeasyPrint typesets it (seconds)."""
    monkeypatch.setattr(
        "samverkan.records.extract.pdf.render_pdf", lambda *a, **k: b"%PDF-1.7 test"
    )


ANSWERS = {
    "anonymous": 302,
    "reader": 403,
    "member": 403,
    "coordinator": 403,
    "outsider": 403,
    "secretariat": 200,
}


def test_only_the_secretariat_opens_a_person_and_their_extract(cast, client_for, no_typesetting):
    """A truth table over the cast (STYLE 8): each route as each role."""
    got = {}
    for who in ANSWERS:
        client = client_for(who)
        for route in ROUTES:
            url = reverse(route, kwargs={"pk": cast.people["member"].pk})
            got[(route, who)] = client.get(url).status_code
    assert got == {(route, who): status for route in ROUTES for who, status in ANSWERS.items()}


def test_person_page_shows_who_roles_and_the_extract_links(cast, client_for):
    member = cast.people["member"]
    client = client_for("secretariat")
    with assert_max_queries(25):
        response = client.get(reverse("records:person", kwargs={"pk": member.pk}))
    page = response.content.decode()
    assert "Maja Medlem" in page and "maja.medlem@example.se" in page
    assert "Socialchefsnätverket" in page and "Medlem" in page
    assert reverse("records:extract_pdf", kwargs={"pk": member.pk}) in page
    assert reverse("records:extract_json", kwargs={"pk": member.pk}) in page
    assert "Registerutdrag (PDF)" in page and "Registerutdrag (JSON)" in page


def test_unknown_person_is_404_for_the_secretariat(client_for):
    response = client_for("secretariat").get(reverse("records:person", kwargs={"pk": 999999}))
    assert response.status_code == 404


def test_people_register_links_each_person_to_their_page(cast, client_for):
    page = client_for("secretariat").get(reverse("municipalities:people")).content.decode()
    assert reverse("records:person", kwargs={"pk": cast.people["member"].pk}) in page


def test_json_extract_downloads_and_is_recorded_in_the_persons_history(cast, client_for):
    member = cast.people["member"]
    response = client_for("secretariat").get(
        reverse("records:extract_json", kwargs={"pk": member.pk})
    )
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="registerutdrag-')
    document = json.loads(response.content)
    assert document["parts"]["person"]["data"]["name"] == "Maja Medlem"
    entry = HistoryEntry.objects.get(verb="register_extract_json")
    assert entry.action == HistoryEntry.Action.ACCESS
    assert (entry.object_pk, entry.actor) == (str(member.pk), cast.user("secretariat"))
    # The next extract shows the one before it.
    again = client_for("secretariat").get(reverse("records:extract_json", kwargs={"pk": member.pk}))
    history = json.loads(again.content)["parts"]["history"]["data"]
    assert [e["action"] for e in history if e["verb"] == "register_extract_json"] == ["utlämnad"]


def test_pdf_extract_in_the_cooperations_profile_with_title_and_language(cast, client_for):
    member = cast.people["member"]
    response = client_for("secretariat").get(
        reverse("records:extract_pdf", kwargs={"pk": member.pk})
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == "Registerutdrag för Maja Medlem – Familjen Helsingborg"
    assert reader.root_object["/Lang"] == "sv"
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Maja Medlem" in text and "Socialchefsnätverket" in text
    assert "Enkätsvar finns inte med" in text
    assert HistoryEntry.objects.filter(verb="register_extract_pdf").count() == 1


def test_extract_of_an_ended_person_shows_what_remains(cast, client_for, no_typesetting):
    """Bad input (issue 15): an extract of an ended person is allowed and shows what remains."""
    from samverkan.records.models import PersonEnding

    member = cast.people["member"]
    Person.objects.filter(pk=member.pk).update(
        email="", phone="", title="", unit="", anonymised_on="2026-01-15"
    )
    PersonEnding.objects.create(
        person=member, ended_on="2026-01-15", reason="Slutat", ended_by=cast.people["secretariat"]
    )
    client = client_for("secretariat")
    page = client.get(reverse("records:person", kwargs={"pk": member.pk})).content.decode()
    assert "Personen avslutades 2026-01-15" in page
    parts = json.loads(
        client.get(reverse("records:extract_json", kwargs={"pk": member.pk})).content
    )["parts"]
    assert parts["ending"]["data"] == {
        "ended_on": "2026-01-15",
        "reason": "Slutat",
        "ended_by": "Selma Sekretariat",
        "pseudonymised_on": None,
    }
    assert parts["person"]["data"]["email"] == ""
    assert parts["memberships"]["data"]  # the roles, as they were, remain
