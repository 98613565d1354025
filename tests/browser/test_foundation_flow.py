"""Sign in, search the catalogue, open a network, edit and adopt its plans, and watch the
dashboard turn green (N1, N2, N3), with axe-core clean on every page visited."""

import datetime
import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_check, follow, sign_in


def matrix_cell(page: Page, network: str, rule_id: str):
    """The cell of a rule: its symbol's button is named by the verdict and the rule ("Saknas
    N3"; the dashboard groups its columns, issue 16), the details in its popover."""
    row = page.locator("table.matrix tbody tr", has=page.get_by_role("link", name=network))
    return row.locator("td").filter(has=page.locator(f'button[aria-label$=" {rule_id}"]'))


def fill_plan(page: Page, year: int) -> None:
    page.get_by_label("Syfte", exact=True).fill(f"Gemensamt syfte {year}: stärka socialtjänsten.")
    page.get_by_label("Målsättning", exact=True).fill(
        "Dela kunskap och utveckla arbetssätt tillsammans."
    )
    page.get_by_label("Mötesorganisation", exact=True).fill("Tio möten per år, värdskapet roterar.")
    page.get_by_label("Bidrag till samverkans syfte, vision och verksamhetsidé").fill(
        "Bidrar till livskvalitet för invånarna i hela regionen."
    )
    page.get_by_label("Livskvalitet").check()
    axe_check(page, context=f"(plan {year})")
    page.get_by_role("button", name="Spara och anta planen").click()


def test_secretariat_adopts_plans_and_dashboard_turns_green_N1_N2_N3(page: Page, cast):
    year = datetime.date.today().year
    sign_in(page, cast.people["secretariat"].email)
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    axe_check(page, context="(home)")

    page.goto("/oversikt/")
    axe_check(page, context="(dashboard before)")
    expect(matrix_cell(page, "Socialchefsnätverket", "N3")).to_contain_text("Saknas")
    expect(matrix_cell(page, "Socialchefsnätverket", "N1")).to_contain_text("Saknas")

    follow(page, page.get_by_role("link", name="Nätverk", exact=True))
    axe_check(page, context="(catalogue)")
    page.get_by_label("Sök", exact=True).fill("socialchef")
    page.get_by_role("button", name="Sök").click()
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Socialchefsnätverket")).to_be_visible()
    expect(results.get_by_role("link", name="IT-chefsnätverket")).to_have_count(0)
    axe_check(page, context="(catalogue search)")

    results.get_by_role("link", name="Socialchefsnätverket").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Socialchefsnätverket")
    axe_check(page, context="(network)")

    page.get_by_role("link", name=f"Årsplan {year}", exact=True).click()
    fill_plan(page, year)
    expect(page.get_by_role("status")).to_contain_text(f"Årsplanen för {year} är antagen")
    expect(page.get_by_role("heading", name=f"Årsplan {year}")).to_be_visible()
    axe_check(page, context="(network after adopting)")

    page.get_by_role("link", name=f"Årsplan {year + 1}", exact=True).click()
    fill_plan(page, year + 1)
    expect(page.get_by_role("status")).to_contain_text(f"Årsplanen för {year + 1} är antagen")

    page.goto("/oversikt/")
    for rule_id in ("N1", "N2", "N3", "N4", "N6"):
        expect(matrix_cell(page, "Socialchefsnätverket", rule_id)).to_contain_text(
            re.compile("Uppfylld")
        )
    axe_check(page, context="(dashboard after)")


def test_keyboard_reaches_search_and_skip_link(page: Page, cast):
    sign_in(page, cast.people["reader"].email)
    page.goto("/natverk/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()
    page.keyboard.press("Enter")
    search = page.get_by_label("Sök", exact=True)
    for _ in range(12):
        page.keyboard.press("Tab")
        if search.evaluate("el => el === document.activeElement"):
            break
    expect(search).to_be_focused()
    page.keyboard.type("IT-chef")
    page.keyboard.press("Enter")
    expect(page.locator("#results").get_by_role("link", name="IT-chefsnätverket")).to_be_visible()
