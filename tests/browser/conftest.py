"""Browser tests: Playwright driving Debian's Chromium against the app served as production
serves it (issue 18: gunicorn, DEBUG off, WhiteNoise; tests/browser/served.py), with axe-core
(from node_modules, installed by npm at set-up) checking every page visited.

Here `live_server` is that server, one per test process, on the test database. A test that
changes settings in its own process (the `settings` fixture), which the server cannot see,
is marked `in_process_server` and gets pytest-django's live server instead."""

import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.browser.served import ServedServer, served
from tests.cast import PASSWORD

CHROMIUM = os.environ.get("SAMVERKAN_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "in_process_server: the test changes settings in its own process, so it runs against "
        "pytest-django's live server rather than the production-style gunicorn",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def production_server(
    django_db_setup, django_db_blocker, tmp_path_factory
) -> Iterator[ServedServer]:
    """gunicorn with deploy/gunicorn.conf.py on the test database, for the whole session;
    stopped before pytest-django removes that database."""
    from django.db import connection

    with served(dict(connection.settings_dict), tmp_path_factory.mktemp("served")) as server:
        yield server


@pytest.fixture
def live_server(request: pytest.FixtureRequest, live_server):
    """The production-style server, or pytest-django's own for `in_process_server` tests."""
    if in_process(request):
        return live_server
    return request.getfixturevalue("production_server")


def in_process(request: pytest.FixtureRequest) -> bool:
    """Marked so, or every test with SAMVERKAN_BROWSER_SERVER=in-process (to compare, or to
    debug a page in the test's own process)."""
    return bool(request.node.get_closest_marker("in_process_server")) or (
        os.environ.get("SAMVERKAN_BROWSER_SERVER") == "in-process"
    )


@pytest.fixture(autouse=True)
def _files_where_the_server_reads_them(request: pytest.FixtureRequest, _clear_cache, settings):
    """Files the test itself saves (the demo's material, a logo) go where the production-style
    server reads them, not into the memory of the test's own process (tests/conftest.py)."""
    if "live_server" not in request.fixturenames or in_process(request):
        return
    server = request.getfixturevalue("production_server")
    settings.MEDIA_ROOT = server.media_root
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM}: apt-get install chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(30_000)
    context.set_default_navigation_timeout(60_000)
    page = context.new_page()
    yield page
    context.close()


def axe_check(page: Page, *, context: str = "") -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now; fail on any violation.

    A click on a link returns before the next page has loaded; if that page replaces the
    document while axe-core is being injected or run, wait for it to load and run again."""
    for attempt in range(4):
        page.wait_for_load_state("load")
        try:
            result = _run_axe(page)
            break
        except PlaywrightError as exc:
            if attempt == 3 or not _interrupted_by_navigation(exc):
                raise
    violations = result["violations"]
    if violations:
        lines = [f"axe-core found {len(violations)} violation(s) on {page.url} {context}"]
        for v in violations:
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            for node in v["nodes"][:5]:
                lines.append(f"    {json.dumps(node['target'])}: {node['failureSummary']}")
        raise AssertionError("\n".join(lines))


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def _run_axe(page: Page) -> dict[str, Any]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol rather than added as a <script> element:
        # the pages' Content-Security-Policy (issue 13) refuses inline script, rightly.
        page.evaluate("() => {\n" + _axe_source() + "\n}")
    return page.evaluate(
        # resultTypes: only the violations are gathered in full (passes and incomplete would
        # collect every node they looked at); the same rules run, in a fraction of the time.
        """async () => await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
             resultTypes: ['violations']})"""
    )


def _interrupted_by_navigation(exc: PlaywrightError) -> bool:
    text = str(exc)
    return any(
        sign in text
        for sign in (
            "Execution context was destroyed",
            "because of a navigation",
            "Cannot read properties of null",
            "axe is not defined",
        )
    )


def follow(page: Page, link: Locator) -> None:
    """Click a link and wait until its page has loaded (a click returns before that)."""
    target = urljoin(page.url, link.get_attribute("href") or "").split("#")[0]
    link.click()
    page.wait_for_url(lambda url: url.split("#")[0] == target)
    page.wait_for_load_state("load")


def sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/konto/login/")
    axe_check(page, context="(login)")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    # The click returns before the sign-in has answered; wait for the signed-in header.
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
