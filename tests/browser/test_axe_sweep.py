"""Every page a signed-in secretariat, coordinator and reader can reach from the home page, on
the demo data, passes axe-core with no violations and answers without a server error."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_check

SKIP = re.compile(
    r"^/(admin|api|konto/logout|static|media)/|\.(pdf|ics|csv|xlsx|json|svg|png)$"
    r"|/(export|ladda-ned|fil|kalender|feed|ics|pdf|csv|xlsx)(/|$)"
)
MAX_PAGES = 45
PER_PATTERN = 1


def pattern(path: str) -> str:
    """Collapse ids and years so that one network's pages stand for all of them."""
    path = re.sub(r"^/(natverk|kommuner)/(?!foreslaa/)[^/?]+/", r"/\1/S/", path)
    return re.sub(r"/\d+(?=/|$)", "/N", path)


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
            if parts.path and not SKIP.search(parts.path) and link not in seen:
                queue.append(link)
    return visited, failures


@pytest.mark.parametrize("email", ["sekretariatet@demo.se", "lasare@demo.se"])
def test_every_reachable_page_passes_axe(page: Page, live_server, email):
    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/konto/login/")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill("samverkan-demo")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    visited, failures = crawl(page, live_server.url)
    assert len(visited) >= 10, visited
    assert not failures, "\n\n".join(failures)
