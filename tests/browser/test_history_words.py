"""The network page's history in words (issue 16, point 12), in a browser: the sentence, the
old and new text behind a keyboard-operable disclosure, axe-core clean."""

from typing import Any

from playwright.sync_api import Page, expect

from samverkan.networks import services
from tests.browser.conftest import axe_check, sign_in

LONG = "Nätverket stärker socialtjänsten i varje kommun genom att dela kunskap och metoder. "


def test_the_history_reads_as_sentences_with_old_and_new_text(page: Page, cast):
    coordinator = cast.user("coordinator")
    fields: dict[str, Any] = {
        "goals": "Mål",
        "meeting_organisation": "Möten",
        "contribution": "Bidrag",
    }
    plan = services.save_year_plan(coordinator, cast.network, year=2026, purpose=LONG, **fields)
    services.save_year_plan(
        coordinator,
        cast.network,
        year=2026,
        purpose=LONG + "Nytt stycke.",
        expected_version=plan.version,
        **fields,
    )
    sign_in(page, cast.people["coordinator"].email)
    page.goto(f"/natverk/{cast.network.slug}/")
    history = page.locator("section[aria-labelledby=history-h]")
    expect(history.get_by_text("Kim Samordnare ändrade syftet i årsplanen 2026")).to_be_visible()
    summary = history.locator("summary", has_text="Syftet").first
    summary.focus()
    page.keyboard.press("Enter")
    expect(history.get_by_text("Nytt stycke.").first).to_be_visible()
    axe_check(page, context="(network page, history opened)")
