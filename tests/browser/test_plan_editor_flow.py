"""The year-plan editor in Chromium (issue 16, points 1 and 11): the secretariat comments on a
draft, meets a conflict that keeps its text beside the other version, and saves again; axe-core
clean on every state of the page."""

from typing import Any

from playwright.sync_api import Page, expect

from samverkan.networks import services
from samverkan.networks.models import YearPlan
from tests.browser.conftest import axe_check, sign_in

FIELDS: dict[str, Any] = {
    "purpose": "Stärka socialtjänsten",
    "goals": "Dela kunskap",
    "meeting_organisation": "Tio möten per år",
    "contribution": "Bidrar till livskvalitet",
}


def test_comment_then_conflict_keeps_my_text_and_saves_it_on_the_second_try(page: Page, cast):
    coordinator = cast.user("coordinator")
    plan = services.save_year_plan(coordinator, cast.network, year=2027, **FIELDS)
    sign_in(page, cast.people["secretariat"].email)
    page.goto(f"/natverk/{cast.network.slug}/arsplan/2027/")
    expect(page.get_by_role("link", name="Fråga sekretariatet om planen")).to_be_visible()
    axe_check(page, context="(plan editor with comments)")

    page.get_by_role("textbox", name="Kommentar").fill("Gör målen mätbara.")
    page.get_by_role("button", name="Skicka kommentaren").click()
    expect(page.locator("#kommentarer")).to_contain_text("Gör målen mätbara.")

    # Somebody else saves while the page is open; then this page saves.
    services.save_year_plan(
        coordinator,
        cast.network,
        year=2027,
        **{**FIELDS, "goals": "Samordnarens mål"},
        expected_version=plan.version,
    )
    page.get_by_label("Målsättning", exact=True).fill("Sekretariatets mål")
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_role("alert")).to_contain_text("Någon annan har sparat årsplanen")
    other = page.get_by_role("region", name="Den version som någon annan sparade")
    expect(other).to_contain_text("Samordnarens mål")
    expect(page.get_by_label("Målsättning", exact=True)).to_have_value("Sekretariatets mål")
    axe_check(page, context="(plan editor after a conflict)")

    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_role("status")).to_contain_text("Årsplanen är sparad")
    assert YearPlan.objects.get(pk=plan.pk).goals == "Sekretariatets mål"
