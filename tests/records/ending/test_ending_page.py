"""Issue 15, §2: the secretariat's page for ending a person: what ends, what refuses it (N4),
the reason asked for, and a clear message for an ending twice."""

import pytest

from samverkan.people.models import Person
from samverkan.records.models import PersonEnding


def url(person: Person) -> str:
    return f"/handlingar/personer/{person.pk}/avsluta/"


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("coordinator", 403), ("member", 403)])
def test_only_the_secretariat_opens_or_posts_the_ending(cast, client_for, who, status):
    maja = cast.people["member"]
    client = client_for(who)
    assert client.get(url(maja)).status_code == status
    assert client.post(url(maja), {"reason": "x"}).status_code == status
    assert not PersonEnding.objects.exists()


def test_page_lists_what_ends_and_ends_the_person_with_a_reason(cast, client_for):
    maja = cast.people["member"]
    client = client_for("secretariat")
    page = client.get(url(maja)).content.decode()
    assert "Medlem i Socialchefsnätverket" in page and "Avsluta personen" in page
    empty = client.post(url(maja), {"reason": " "})
    assert empty.status_code == 200 and "Detta fält måste fyllas i" in empty.content.decode()
    assert not PersonEnding.objects.exists()
    done = client.post(url(maja), {"reason": "Har slutat i Klippan."}, follow=True)
    html = done.content.decode()
    assert "Maja Medlem är avslutad" in html and "Har slutat i Klippan." in html
    again = client.post(url(maja), {"reason": "Igen"}, follow=True)
    assert "redan avslutad" in again.content.decode()
    assert PersonEnding.objects.get().reason == "Har slutat i Klippan."


def test_page_names_the_networks_that_refuse_the_ending_N4(cast, client_for):
    kim = cast.people["coordinator"]
    client = client_for("secretariat")
    page = client.get(url(kim)).content.decode()
    assert "ensam samordnare" in page and "Socialchefsnätverket" in page
    refused = client.post(url(kim), {"reason": "Har slutat."}).content.decode()
    assert "(N4)" in refused and "Socialchefsnätverket" in refused
    kim.refresh_from_db()
    assert kim.anonymised_on is None


def test_unknown_person_is_404(cast, client_for):
    assert client_for("secretariat").get("/handlingar/personer/999999/avsluta/").status_code == 404
