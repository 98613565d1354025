"""Login limits that don't lock the owner out (issue 12, item 7)."""

import pytest
from django.test import Client
from django.urls import reverse

from samverkan.accounts import adapter
from tests.cast import PASSWORD

ATTACKER = "203.0.113.66"
OWNER = "198.51.100.7"


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    """The pauses the adapter would sleep, recorded instead of slept."""
    slept: list[float] = []
    monkeypatch.setattr(adapter, "pause", slept.append)
    return slept


def attempt(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_an_attacker_cannot_keep_the_owner_out(cast, pauses):
    """Item 7: many failures from one address block that address, not the owner elsewhere."""
    email = cast.people["member"].email
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(8):
        attempt(attacker, email, "gissning")
    refused = attempt(attacker, email, PASSWORD)
    assert "För många misslyckade inloggningsförsök" in refused.content.decode()
    assert not signed_in(attacker)
    owner = Client(REMOTE_ADDR=OWNER)
    response = attempt(owner, email, PASSWORD)
    assert response.status_code == 302
    assert signed_in(owner)


def test_an_address_is_limited_across_accounts(cast, pauses):
    """Item 7: one address trying many accounts is stopped too (10 a minute)."""
    attacker = Client(REMOTE_ADDR=ATTACKER)
    names = ["reader", "member", "secretary", "coordinator", "outsider"]
    for name in names:
        for _ in range(2):
            attempt(attacker, cast.people[name].email, "gissning")
    response = attempt(attacker, cast.people["secretariat"].email, PASSWORD)
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert not signed_in(attacker)


def test_the_account_wide_limit_delays_and_the_delay_is_bounded(cast, pauses, settings):
    """Item 7: past LOGIN_ACCOUNT_LIMIT failures from all addresses, every attempt on the
    account waits (one second more per failure, at most LOGIN_DELAY_MAX_SECONDS), the owner's
    too; the owner still gets in."""
    settings.LOGIN_ACCOUNT_LIMIT = "6/h"
    settings.LOGIN_DELAY_MAX_SECONDS = 3
    email = cast.people["member"].email
    for n in range(12):  # two failures from each of six addresses: none is blocked
        attempt(Client(REMOTE_ADDR=f"203.0.113.{n // 2 + 1}"), email, "gissning")
    assert pauses == [1.0, 2.0, 3.0, 3.0, 3.0, 3.0]
    owner = Client(REMOTE_ADDR=OWNER)
    assert attempt(owner, email, PASSWORD).status_code == 302
    assert signed_in(owner)
    assert pauses[-1] == 3.0 and max(pauses) <= settings.LOGIN_DELAY_MAX_SECONDS
    # Another account is not slowed down.
    pauses.clear()
    other = Client(REMOTE_ADDR=OWNER)
    assert attempt(other, cast.people["reader"].email, PASSWORD).status_code == 302
    assert pauses == []


def test_the_proxy_address_is_trusted_only_when_configured(cast, pauses, settings):
    """Behind a proxy (SAMVERKAN_TRUSTED_PROXY_COUNT=1) the client address is the one the proxy
    saw; without it, X-Forwarded-For is ignored (anyone could forge it)."""
    email = cast.people["member"].email
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for _ in range(6):
        attempt(Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=ATTACKER), email, "gissning")
    owner = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=OWNER)
    assert attempt(owner, email, PASSWORD).status_code == 302
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    forged = Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=OWNER)
    response = attempt(forged, email, PASSWORD)
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
