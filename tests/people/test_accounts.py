"""Local accounts: Argon2 hashing, throttled failed logins, language per user (SPEC §6)."""

from django.test import Client
from django.urls import reverse

from tests.cast import PASSWORD


def test_passwords_are_hashed_with_argon2(settings):
    from django.contrib.auth.hashers import make_password

    from samverkan import settings as project_settings

    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert make_password("hemligt-lösenord").startswith("argon2$")


def test_failed_logins_are_throttled_even_with_the_right_password(cast):
    client = Client()
    email = cast.people["member"].email
    url = reverse("account_login")
    for _ in range(5):
        response = client.post(url, {"login": email, "password": "fel-lösenord"})
        assert response.status_code == 200
    response = client.post(url, {"login": email, "password": PASSWORD})
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_with_email_and_password(cast):
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": cast.people["member"].email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == cast.user("member").pk


def test_language_choice_is_kept_on_the_account(cast, client_for):
    client = client_for("member")
    response = client.post(reverse("people:set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    user = cast.user("member")
    user.refresh_from_db()
    assert user.language == "en"
    fresh = Client()
    fresh.force_login(user)
    page = fresh.get(reverse("home"))
    assert '<html lang="en">' in page.content.decode()


def test_anonymous_gets_swedish_by_default(cast, client):
    assert '<html lang="sv">' in client.get(reverse("home")).content.decode()
