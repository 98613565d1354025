"""Sessions (issue 12, item 8): idle timeout, absolute lifetime, the sessions page, and
ending a person's sessions when they are deactivated or their last role ends."""

import time

from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from samverkan.accounts.middleware import SEEN_AT, SIGNED_IN_AT
from samverkan.networks.models import Membership
from samverkan.networks.services import end_membership
from tests.cast import PASSWORD


def sign_in(email: str, **extra) -> Client:
    client = Client(**extra)
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def shift(client: Client, **seconds_ago: float) -> None:
    session = client.session
    now = time.time()
    if "signed_in" in seconds_ago:
        session[SIGNED_IN_AT] = now - seconds_ago["signed_in"]
    if "seen" in seconds_ago:
        session[SEEN_AT] = now - seconds_ago["seen"]
    session.save()


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_sign_in_rotates_the_session_and_stores_the_times(cast):
    client = Client()
    session = client.session
    session["seen_the_login_page"] = True
    session.save()
    before = session.session_key
    client.post(
        reverse("account_login"), {"login": cast.people["member"].email, "password": PASSWORD}
    )
    assert client.session.session_key != before
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 5
    assert client.session[SEEN_AT] == client.session[SIGNED_IN_AT]


def test_an_idle_session_is_signed_out_with_a_swedish_message(cast, settings):
    """Item 8: idle longer than SESSION_IDLE_MINUTES (60) → signed out, told why on the login
    page, and sent back where they were after signing in again."""
    client = sign_in(cast.people["member"].email)
    shift(client, seen=61 * 60)
    response = client.get("/min-sida/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/?next=%2Fmin-sida%2F"
    assert not signed_in(client)
    page = client.get(response["Location"]).content.decode()
    assert "inte har använt Samverkan på 60 minuter" in page


def test_an_old_session_is_signed_out_even_when_busy(cast):
    """Item 8: older than SESSION_MAX_HOURS (12) since sign-in → signed out."""
    client = sign_in(cast.people["member"].email)
    shift(client, signed_in=12 * 3600 + 60, seen=10)
    response = client.get("/min-sida/")
    assert response.status_code == 302 and not signed_in(client)
    assert "äldre än 12 timmar" in client.get(response["Location"]).content.decode()


def test_an_active_session_goes_on(cast):
    client = sign_in(cast.people["member"].email)
    shift(client, signed_in=11 * 3600, seen=59 * 60)
    assert client.get("/min-sida/").status_code == 200


def test_last_activity_is_written_at_most_once_a_minute(cast):
    client = sign_in(cast.people["member"].email)
    shift(client, seen=30)
    written = client.session[SEEN_AT]
    client.get("/min-sida/")
    assert client.session[SEEN_AT] == written  # not saved again within the minute
    shift(client, seen=90)
    client.get("/min-sida/")
    assert time.time() - client.session[SEEN_AT] < 5


def test_an_expired_api_session_answers_401(cast):
    client = sign_in(cast.people["member"].email)
    shift(client, seen=61 * 60)
    assert client.get("/api/v1/networks").status_code == 401


def test_the_sessions_page_lists_and_ends_the_others(cast):
    """Item 8: a person sees their sessions (Swedish) and ends the others."""
    email = cast.people["member"].email
    laptop = sign_in(email, HTTP_USER_AGENT="Laptop")
    phone = sign_in(email, HTTP_USER_AGENT="Telefon")
    page = laptop.get("/konto/sessions/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Inloggningar" in html and "Laptop" in html and "Telefon" in html
    assert "Logga ut alla andra inloggningar" in html
    assert 'href="/konto/sessions/"' in laptop.get("/min-sida/").content.decode()
    laptop.post("/konto/sessions/")
    assert signed_in(laptop)
    assert phone.get("/min-sida/").status_code == 302
    assert not signed_in(phone)
    assert UserSession.objects.filter(user=cast.user("member")).count() == 1


def test_deactivating_a_person_ends_their_sessions(cast, django_capture_on_commit_callbacks):
    email = cast.people["member"].email
    first, second = sign_in(email), sign_in(email)
    other = sign_in(cast.people["reader"].email)
    Session.objects.create(  # a session from before allauth.usersessions tracked them
        session_key="x" * 32,
        session_data=Session.objects.encode({"_auth_user_id": str(cast.user("member").pk)}),
        expire_date=Session.objects.first().expire_date,
    )
    user = cast.user("member")
    user.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        user.save()
    assert not UserSession.objects.filter(user=user).exists()
    assert not Session.objects.filter(session_key="x" * 32).exists()
    assert not signed_in(first) and not signed_in(second)
    assert first.get("/min-sida/").status_code == 302
    assert other.get("/min-sida/").status_code == 200


def test_saving_an_active_person_ends_nothing(cast, django_capture_on_commit_callbacks):
    client = sign_in(cast.people["member"].email)
    user = cast.user("member")
    with django_capture_on_commit_callbacks(execute=True):
        user.save()
    assert signed_in(client)


def test_ending_the_last_role_ends_the_sessions(cast, django_capture_on_commit_callbacks):
    member = cast.people["member"]
    client = sign_in(member.email)
    memberships = list(Membership.objects.filter(person=member, end_on__isnull=True))
    assert memberships
    with django_capture_on_commit_callbacks(execute=True):
        for membership in memberships[:-1]:
            end_membership(cast.user("secretariat"), membership)
    assert signed_in(client)
    with django_capture_on_commit_callbacks(execute=True):
        end_membership(cast.user("secretariat"), memberships[-1])
    assert not signed_in(client)


def test_leaving_the_secretariat_ends_the_sessions(cast, django_capture_on_commit_callbacks):
    person = cast.people["secretariat"]
    client = sign_in(person.email)
    person.is_secretariat = False
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    assert not signed_in(client)
