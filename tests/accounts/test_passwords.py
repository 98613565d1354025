"""Passwords (issue 12, item 9): Django's validators kept, at most 128 characters, and an
optional breached-password check that lets the password through when the API is unreachable."""

import hashlib
import logging

import httpx
import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from pwned_passwords_django import api

from samverkan import settings as project_settings
from tests.cast import PASSWORD

BREACH_CHECK = {"NAME": "samverkan.accounts.passwords.BreachedPasswordValidator"}
GOOD = "Ljung-och-havtorn-2026"


def messages_for(password: str) -> list[str]:
    try:
        validate_password(password)
    except ValidationError as error:
        return list(error.messages)
    return []


def test_the_current_validators_are_kept():
    names = [v["NAME"].rsplit(".", 1)[-1] for v in project_settings.AUTH_PASSWORD_VALIDATORS]
    assert names[:3] == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
    ]
    assert "MaximumLengthValidator" in names
    assert "BreachedPasswordValidator" not in names  # off by default


def test_at_most_128_characters_with_a_clear_message(db):
    assert messages_for("a-Long-pass" + "x" * 117) == []  # 128
    assert messages_for("a-Long-pass" + "x" * 118) == [
        "Lösenordet är för långt: det får vara högst 128 tecken."
    ]


def test_too_long_on_the_password_change_page(client_for):
    client = client_for("member")
    too_long = "y" * 129
    response = client.post(
        "/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": too_long, "password2": too_long},
    )
    assert "högst 128 tecken" in response.content.decode()


@pytest.fixture
def breach_check_on(settings):
    settings.AUTH_PASSWORD_VALIDATORS = [*settings.AUTH_PASSWORD_VALIDATORS, BREACH_CHECK]


def test_a_breached_password_is_refused_when_the_check_is_on(db, breach_check_on, monkeypatch):
    digest = hashlib.sha1(GOOD.encode()).hexdigest().upper()
    asked: list[str] = []

    def range_api(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        return httpx.Response(200, text=f"{digest[5:]}:42\r\n0000000000000000000000000000000000A:1")

    monkeypatch.setattr(
        api.default_client, "client", httpx.Client(transport=httpx.MockTransport(range_api))
    )
    assert messages_for(GOOD) == [
        "Lösenordet finns i listor över lösenord som har läckt från andra tjänster. Välj ett annat."
    ]
    assert asked == [f"/range/{digest[:5]}"]  # only the first five characters of the hash


def test_an_unreachable_breach_api_lets_the_password_through_and_logs(
    db, breach_check_on, monkeypatch, caplog
):
    # Nothing listens on port 9 of the loopback: a real connection error, no network needed.
    monkeypatch.setattr(api.default_client, "api_endpoint", "http://127.0.0.1:9/range/")
    with caplog.at_level(logging.ERROR, logger="pwned_passwords_django"):
        assert messages_for(GOOD) == []
    assert "Falling back to Django CommonPasswordValidator" in caplog.text
    # Django's common-password list still applies meanwhile.
    assert messages_for("password123") != []
