"""Every page a signed-in secretariat, coordinator and reader can reach from the home page, on
the demo data, passes axe-core with no violations and answers without a server error; and the
browser reports no Content-Security-Policy violation and no script error on any of them
(issue 13, part 4)."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.accounts.totp import totp_code
from tests.browser.conftest import axe_check
from tests.conftest import second_factor_shown

SKIP = re.compile(
    r"^/(admin|api|konto/logout|static|media)/|\.(pdf|ics|csv|xlsx|json|svg|png|zip)$"
    r"|/(export|ladda-ned|fil|kalender|feed|ics|pdf|csv|xlsx)(/|$)"
)
MAX_PAGES = 45
PER_PATTERN = 1


def pattern(path: str) -> str:
    """Collapse ids and years so that one network's pages stand for all of them."""
    path = re.sub(r"^/(natverk|kommuner)/(?!foreslaa/)[^/?]+/", r"/\1/S/", path)
    return re.sub(r"/\d+(?=/|$)", "/N", path)


def watch_console(page: Page) -> list[str]:
    """Every CSP violation the browser reports (Chromium logs each to the console) and every
    uncaught script error, with the page it happened on."""
    heard: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            heard.append(f"{page.url}: {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: heard.append(f"{page.url}: script error: {error}"))
    return heard


def crawl(page: Page, base: str) -> tuple[list[str], list[str]]:
    seen: set[str] = set()
    per_pattern: dict[str, int] = {}
    # The richest network first: its pages stand for every network's.
    queue = ["/", "/natverk/socialchefsnatverket/", "/kommuner/helsingborg/", "/oversikt/"]
    visited: list[str] = []
    failures: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        key = pattern(path)
        if per_pattern.get(key, 0) >= PER_PATTERN:
            continue
        per_pattern[key] = per_pattern.get(key, 0) + 1
        response = page.goto(base + path)
        visited.append(path)
        if response is None or response.status >= 500:
            failures.append(f"{path}: HTTP {response.status if response else '?'}")
            continue
        if "html" not in (response.headers.get("content-type") or ""):
            continue
        try:
            axe_check(page, context=f"({path})")
        except AssertionError as exc:
            failures.append(str(exc))
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if parts.scheme not in ("http", "https") or parts.netloc != urlsplit(base).netloc:
                continue
            link = parts.path + (f"?{parts.query}" if parts.query else "")
            # A list's "Ladda ner CSV / Excel" is the page with ?format=…: a file, not a page.
            is_file = "format=" in parts.query
            if parts.path and not SKIP.search(parts.path) and not is_file and link not in seen:
                queue.append(link)
    return visited, failures


@pytest.mark.parametrize("email", ["sekretariatet@demo.se", "lasare@demo.se"])
def test_every_reachable_page_passes_axe(page: Page, live_server, email):
    call_command("load_demo", verbosity=0)
    console = watch_console(page)
    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill("samverkan-demo")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    if "/konto/2fa/totp/activate/" in page.url:
        # The secretariat must have a second factor (issue 12) before any other page opens:
        # set up the authenticator app, so that the sweep reaches the secretariat's pages.
        secret = page.get_by_label("Autentiseringshemlighet").input_value()
        page.get_by_label("Autentiseringskod").fill(totp_code(secret))
        page.get_by_role("button", name="Aktivera").click()
        page.wait_for_url(re.compile(r"/konto/2fa/recovery-codes/"))
    visited, failures = crawl(page, live_server.url)
    assert len(visited) >= 10, visited
    assert not failures, "\n\n".join(failures)
    assert not console, "\n".join(console)
    # The policy is enforced, and the watch hears it: an inline script is refused and told of.
    with page.expect_console_message(lambda m: "Content Security Policy" in m.text):
        page.evaluate(
            """() => { const s = document.createElement('script');
                       s.textContent = 'window.inlineScriptRan = true';
                       document.head.append(s); }"""
        )
    assert page.evaluate("() => window.inlineScriptRan === undefined")
    assert any("Content Security Policy" in line for line in console), console


def test_admin_api_docs_and_second_factor_pages_report_no_csp_violation(
    page: Page, live_server, cast
):
    """The pages the sweep leaves out, under the same policy (issue 13, part 4): Django's
    admin (sign-in, index, a list, a form with its widgets), the API's Swagger page and the
    second-factor pages with allauth's WebAuthn scripts, as a superuser who has shown a
    second factor; the browser reports no CSP violation and no script error on any."""
    console = watch_console(page)
    page.goto("/admin/login/")  # the admin's sign-in is allauth's
    expect(page.get_by_label("E-post")).to_be_visible()
    user = cast.user("secretariat")
    user.is_staff = user.is_superuser = True
    user.save()
    TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    second_factor_shown(client, user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    person = cast.people["member"]
    for path, sign in [
        ("/admin/", "Webbplatsadministration"),
        ("/admin/networks/network/", "Välj nätverk att ändra"),
        ("/admin/networks/network/add/", "Lägg till nätverk"),
        (f"/admin/people/person/{person.pk}/change/", person.name),
        ("/api/v1/docs", "/networks"),
        ("/konto/2fa/webauthn/add/", "Säkerhetsnyckel"),
    ]:
        page.goto(path)
        expect(page.get_by_text(sign).first).to_be_visible()
        page.wait_for_load_state("load")
    assert not console, "\n".join(console)
