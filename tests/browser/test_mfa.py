"""The second factor in Chromium (issue 12, items 3 and 8): a secretariat account without one
is sent to set it up, sets up TOTP from the secret shown, signs out, signs in with a code, and
a replayed code is refused; every page on the way passes axe."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from playwright.sync_api import Page, expect

from tests.accounts.totp import totp_code
from tests.browser.conftest import axe_check
from tests.cast import PASSWORD

# The settings fixture changes settings in this process: pytest-django's live server.
pytestmark = pytest.mark.in_process_server


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.SECOND_FACTOR_REQUIRED = "secretariat"  # the production default


def password_step(page: Page, email: str) -> None:
    page.goto("/konto/login/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").first.click()
    expect(page.get_by_role("banner").get_by_role("link", name="Logga in")).to_be_visible()


def test_secretariat_sets_up_totp_and_signs_in_with_a_code(page: Page, cast):
    email = cast.people["secretariat"].email
    password_step(page, email)
    page.wait_for_url(re.compile(r"/konto/2fa/totp/activate/"))
    expect(page.get_by_text("kräver tvåfaktorsautentisering")).to_be_visible()
    expect(page.get_by_role("img")).to_be_visible()  # the QR code
    axe_check(page, context="(set up TOTP)")

    # The dashboard stays closed until the app is set up.
    page.goto("/oversikt/")
    page.wait_for_url(re.compile(r"/konto/2fa/totp/activate/"))

    # Each showing of the page makes a new secret: the one shown now is the one to use.
    secret = page.get_by_label("Autentiseringshemlighet").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    page.get_by_label("Autentiseringskod").fill(totp_code(secret))
    page.get_by_role("button", name="Aktivera").click()
    page.wait_for_url(re.compile(r"/konto/2fa/recovery-codes/"))
    axe_check(page, context="(recovery codes)")
    page.goto("/konto/2fa/")
    axe_check(page, context="(two-factor overview)")
    page.goto("/oversikt/")
    expect(page).to_have_url(re.compile(r"/oversikt/$"))
    page.goto("/konto/sessions/")
    expect(page.get_by_role("heading", name="Inloggningar")).to_be_visible()
    axe_check(page, context="(sessions)")
    sign_out(page)

    # Signing in again asks for a code from the app.
    password_step(page, email)
    page.wait_for_url(re.compile(r"/konto/2fa/authenticate/"))
    axe_check(page, context="(enter code)")
    code = totp_code(secret)
    page.get_by_label("Kod").fill(code)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    page.goto("/oversikt/")
    expect(page).to_have_url(re.compile(r"/oversikt/$"))
    sign_out(page)

    # The same code, still within its time window, is refused the second time.
    password_step(page, email)
    page.wait_for_url(re.compile(r"/konto/2fa/authenticate/"))
    assert validate_totp_code(secret, code)  # still a valid code by the clock
    page.get_by_label("Kod").fill(code)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_text("Felaktig kod")).to_be_visible()
    axe_check(page, context="(replayed code)")
    expect(page.get_by_role("button", name="Logga ut")).to_have_count(0)


def test_a_security_key_works_as_the_second_factor(page: Page, cast, settings):
    """WebAuthn in headless Chromium: a CDP virtual authenticator stands in for the key. The
    live server is http://localhost, which the server accepts only with the insecure-origin
    setting (production is HTTPS)."""
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    email = cast.people["secretariat"].email
    password_step(page, email)
    page.wait_for_url(re.compile(r"/konto/2fa/totp/activate/"))
    page.goto("/konto/2fa/webauthn/add/")
    axe_check(page, context="(add a security key)")
    page.get_by_label("Namn på nyckeln").fill("Nyckelring")
    page.get_by_role("button", name="Lägg till").click()
    page.wait_for_url(re.compile(r"/konto/2fa/recovery-codes/"))
    assert Authenticator.objects.filter(type=Authenticator.Type.WEBAUTHN).count() == 1
    page.goto("/oversikt/")
    expect(page).to_have_url(re.compile(r"/oversikt/$"))
    sign_out(page)

    password_step(page, email)
    page.wait_for_url(re.compile(r"/konto/2fa/authenticate/"))
    axe_check(page, context="(sign in with a key)")
    page.get_by_role("button", name="Använd en säkerhetsnyckel").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    page.goto("/oversikt/")
    expect(page).to_have_url(re.compile(r"/oversikt/$"))
