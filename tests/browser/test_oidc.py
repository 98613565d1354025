"""Issue 12, item 2: Chromium walks the real redirect flow through a real OpenID Connect
provider (npm's oidc-provider, started by tests/browser/oidc.py after the live server): sign in
and land signed in as the matching Person; unverified and unknown e-mails refused; a tampered
`state` refused; the provider down gives a Swedish message. axe-core checks every page."""

import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from samverkan.accounts.oidc import providers
from samverkan.people.models import Person, User
from tests.browser.conftest import axe_check
from tests.browser.oidc import (
    BUTTON,
    CALLBACK,
    RunningProvider,
    free_port,
    oidc_live,  # noqa: F401 (fixture)
    oidc_providers,  # noqa: F401 (fixture)
)

# The settings fixture changes settings in this process: pytest-django's live server.
pytestmark = pytest.mark.in_process_server

REFUSED = "Ditt konto finns inte i Samverkan ännu – kontakta sekretariatet."


@pytest.fixture
def provider(oidc_live: RunningProvider, settings: Any) -> RunningProvider:  # noqa: F811
    oidc_live.configure(settings)
    return oidc_live


@pytest.fixture
def anna(transactional_db: Any) -> Person:
    Person.objects.create(name="Cecilia Oidc", email="cecilia.oidc@kommun.example")
    return Person.objects.create(name="Anna Oidc", email="anna.oidc@kommun.example")


def start(page: Page) -> None:
    page.goto("/konto/login/")
    axe_check(page, context="(login with the provider's button)")
    page.get_by_role("button", name=BUTTON).click()


def at_provider(page: Page, provider: RunningProvider, account_id: str) -> None:
    expect(page.get_by_label("Konto-id")).to_be_visible()
    assert page.url.startswith(provider.issuer)
    axe_check(page, context="(the provider's login form)")
    page.get_by_label("Konto-id").fill(account_id)
    page.get_by_role("button", name="Logga in", exact=True).click()


def test_verified_email_lands_signed_in_as_the_matching_person_item_2(
    page: Page, provider: RunningProvider, anna: Person
) -> None:
    start(page)
    at_provider(page, provider, "anna")
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    assert not page.url.startswith(provider.issuer)
    axe_check(page, context="(signed in through the provider)")
    anna.refresh_from_db()
    assert anna.user is not None and anna.user.email == "anna.oidc@kommun.example"


@pytest.mark.parametrize("account_id", ["overifierad", "okand"])
def test_unverified_or_unknown_email_is_refused_item_2(
    page: Page, provider: RunningProvider, anna: Person, account_id: str
) -> None:
    users = User.objects.count()
    start(page)
    at_provider(page, provider, account_id)
    expect(page.get_by_text(REFUSED)).to_be_visible()
    expect(page.get_by_role("heading", name="Kontot finns inte")).to_be_visible()
    axe_check(page, context=f"(refused: {account_id})")
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)
    assert User.objects.count() == users


def test_tampered_state_is_refused_item_2(
    page: Page, provider: RunningProvider, anna: Person
) -> None:
    """The redirect to the provider is caught and its `state` edited; the provider hands the
    edited state back to the callback, which refuses it."""
    tampered: list[str] = []

    def tamper(route: Route) -> None:
        answer = route.fetch(max_redirects=0)
        parts = urlsplit(answer.headers["location"])
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        query["state"] = ("A" if query["state"][0] != "A" else "B") + query["state"][1:]
        tampered.append(query["state"])
        location = parts._replace(query=urlencode(query)).geturl()
        route.fulfill(response=answer, headers={**answer.headers, "location": location})

    page.route(re.compile(r"/konto/oidc/kommun/login/(\?.*)?$"), tamper)
    start(page)
    at_provider(page, provider, "anna")
    expect(page.get_by_role("heading", name="Inloggningen misslyckades")).to_be_visible()
    assert tampered and f"state={tampered[0]}" in page.url
    assert page.url.split("?")[0].endswith(CALLBACK)
    axe_check(page, context="(tampered state)")
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)
    anna.refresh_from_db()
    assert anna.user is None


def test_provider_down_gives_a_swedish_message_item_2(
    page: Page, provider: RunningProvider, anna: Person, settings: Any
) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    settings.SOCIALACCOUNT_PROVIDERS = providers.socialaccount_providers(
        [provider.provider(server_url=dead)]
    )
    page.goto("/konto/login/")
    with page.expect_response(lambda r: "/konto/oidc/" in r.url) as answer:
        page.get_by_role("button", name=BUTTON).click()
    assert answer.value.status == 401
    expect(
        page.get_by_text("Kommunens inloggning svarar inte just nu.", exact=False)
    ).to_be_visible()
    axe_check(page, context="(provider down)")
