"""Issue 16, "Phone and small screens": at 390 px the header's menu folds behind "Meny" (and
"Inkorg" is reachable), and the catalogue, a network's page, a meeting and Min sida are no
wider than the screen; axe-core clean on each, with the menu open and closed."""

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from samverkan.meetings.models import Meeting
from tests.browser.conftest import axe_check

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_phone_width_has_a_folding_menu_and_no_page_wider_than_the_screen(page: Page, live_server):
    call_command("load_demo", verbosity=0)
    meeting = (
        Meeting.objects.filter(network__slug="socialchefsnatverket", starts_at__lt=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    assert meeting is not None
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/konto/login/")
    page.get_by_label("E-post").fill("samordnare@demo.se")
    page.get_by_label("Lösenord").fill("samverkan-demo")
    page.get_by_role("button", name="Logga in").click()
    menu = page.get_by_role("button", name="Meny")
    expect(menu).to_be_visible()
    expect(page.get_by_role("link", name="Inkorg")).to_be_hidden()
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Inkorg")).to_be_visible()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    axe_check(page, context="(390 px, menu open)")
    for path in [
        "/natverk/",
        "/natverk/socialchefsnatverket/",
        f"/natverk/socialchefsnatverket/moten/{meeting.pk}/",
        "/min-sida/",
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{path}: {widths[0]} px wide at {widths[1]} px"
        axe_check(page, context=f"(390 px, {path})")
