"""Issue 17: what every signed-in request costs. The user comes with their person in one query
(people/backends.py), which the second-factor check, the header's secretariat link and the
unread count then reuse: a signed-in page asks three queries of its own (the session, the user
with the person, the unread count), where it asked five."""

from django.urls import reverse

from samverkan.notifications.services import notify
from samverkan.people.access import forget_viewer, viewer_for
from samverkan.people.models import Person, User
from tests.cast import PASSWORD
from tests.helpers import capture_queries

HELLO = reverse("site:about")


def own_queries(sql: list[str]) -> list[str]:
    return [q for q in sql if "people_person" in q or "notifications_notification" in q]


def test_a_signed_in_page_reads_the_person_with_the_user_and_counts_unread_by_it(cast, client_for):
    client = client_for("secretariat")
    notify([cast.people["secretariat"]], kind="question", subject="Fråga", body="…", key="q-1")
    client.get(HELLO)
    with capture_queries("a signed-in page") as queries:
        response = client.get(HELLO)
    person_reads = own_queries(queries.sql)
    assert len(person_reads) == 2, queries.listing()
    user_query, unread = person_reads
    assert 'FROM "people_user"' in user_query and "JOIN" in user_query  # the person with it
    assert 'FROM "notifications_notification"' in unread and "people_person" not in unread
    html = response.content.decode()
    assert reverse("dashboard:dashboard") in html  # the secretariat's link, from that person
    assert '<span class="badge">1<span class="sr-only"> olästa' in html


def test_a_member_sees_no_secretariat_link_and_an_account_without_person_works(cast, client):
    member = cast.user("member")
    client.force_login(member)
    assert reverse("dashboard:dashboard") not in client.get(HELLO).content.decode()
    loner = User.objects.create_user("ensam@example.se", PASSWORD)
    client.force_login(loner)
    response = client.get(HELLO)
    assert response.status_code == 200
    assert reverse("dashboard:dashboard") not in response.content.decode()


def test_signing_in_with_the_form_loads_the_person_with_the_user(cast, client):
    email = cast.people["member"].email
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    with capture_queries("the next page") as queries:
        assert client.get(HELLO).status_code == 200
    assert [q for q in queries.sql if q.startswith('SELECT "people_person"')] == []


def test_forgetting_the_viewer_finds_a_person_linked_since(cast):
    user = User.objects.create_user("ny@example.se", PASSWORD)
    assert viewer_for(user).person is None
    person = Person.objects.create(name="Nya Nilsson", email="ny@example.se", user=user)
    assert viewer_for(user).person is None  # kept for the request
    forget_viewer(user)
    assert viewer_for(user).person == person
