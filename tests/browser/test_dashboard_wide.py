"""Issue 16, "The dashboard at 50 networks and 30 rules", in Chromium at 1366 px: with every
rule group open all 23 rule columns fit; with the text at 200 % the table scrolls inside its
frame and the network names stay where they were
(measured by element positions), the header row stays on top when it scrolls down, a cell's
details open in a side panel without moving the table, the due lists are on top, and the page
passes axe-core."""

from playwright.sync_api import FloatRect, Page, expect

from tests.browser.conftest import axe_check, sign_in
from tests.dashboard.test_dashboard_stored import store_everything
from tests.networks.test_query_counts import add_networks


def box(page: Page, selector: str) -> FloatRect:
    found = page.locator(selector).first.bounding_box()
    assert found, selector
    return found


def test_dashboard_at_1366_px_keeps_the_names_in_view_and_shows_the_due_lists(page: Page, cast):
    add_networks(cast, 48)  # with the cast's two: 50
    store_everything()
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, cast.people["secretariat"].email)
    page.goto("/oversikt/?oppna=uppstart&oppna=overenskommelse")
    expect(page.get_by_role("heading", name="Försenat")).to_be_visible()
    expect(page.get_by_role("heading", name="Ska vara klart före 31 december")).to_be_visible()
    overdue = page.locator(".dash-due").nth(1)  # with the owner and the link to fix it
    expect(overdue.get_by_role("link", name="IT-chefsnätverket").first).to_be_visible()
    expect(overdue.get_by_role("cell", name="Otto Utomstående").first).to_be_visible()
    expect(overdue.get_by_role("link", name="Alla")).to_be_visible()
    axe_check(page, context="(dashboard, 50 networks, 1366 px)")

    assert page.evaluate("document.documentElement.scrollWidth") <= 1366  # nothing sticks out
    frame = page.locator(".dash-scroll")
    # At 100 % all 23 rule columns fit in 1366 px; with the text at 200 % (WCAG 1.4.4) the
    # table is wider than its frame and scrolls inside it.
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    frame.scroll_into_view_if_needed()
    width = frame.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert width[0] > width[1], f"the table fits ({width}): nothing to scroll"
    name = "tbody tr:first-child th.dash-name"
    before = box(page, name)
    last_column = box(page, "tr.dash-rules th:last-child")
    assert last_column["x"] > box(page, ".dash-scroll")["x"] + width[1]  # out of view
    frame.evaluate("e => { e.scrollLeft = e.scrollWidth }")
    after = box(page, name)
    assert after["x"] == before["x"] and after["width"] == before["width"]
    frame_box = box(page, ".dash-scroll")
    moved = box(page, "tr.dash-rules th:last-child")
    assert moved["x"] + moved["width"] <= frame_box["x"] + frame_box["width"] + 1
    # The name cell is painted above the cells scrolled under it.
    x, y = after["x"] + after["width"] / 2, after["y"] + after["height"] / 2
    assert page.evaluate(f"document.elementFromPoint({x}, {y}).closest('th.dash-name') !== null")

    frame.evaluate("e => { e.scrollTop = e.scrollHeight }")
    top = box(page, ".dash-scroll")["y"]
    assert abs(box(page, "thead th.dash-name")["y"] - top) <= 2  # the header row stays on top
    assert abs(box(page, "tr.dash-rules th:last-child")["y"] - top) < 100
    assert box(page, name)["y"] < top  # the first network has scrolled up under it

    cell = page.locator(".dash-matrix td > button").first
    cell.focus()
    table_before = box(page, ".dash-matrix")
    page.keyboard.press("Enter")
    panel = page.locator(".dash-matrix [popover]:popover-open")
    expect(panel).to_be_visible()
    assert box(page, ".dash-matrix") == table_before  # the details do not reflow the table
    axe_check(page, context="(dashboard, a cell's details open)")
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
