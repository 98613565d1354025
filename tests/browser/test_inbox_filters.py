"""The inbox by keyboard (issue 16, point 6): filter by kind, open a notice with a clickable
answer link, mark all read, choose the daily digest; axe-core clean on every page visited."""

import re

from playwright.sync_api import Page, expect

from samverkan.notifications.services import notify
from tests.browser.conftest import axe_check, sign_in


def test_the_inbox_is_filtered_and_worked_through_by_keyboard(page: Page, cast):
    member = cast.people["member"]
    notify(
        [member],
        kind="invitation",
        subject="Inbjudan: svara för Bjuv",
        body="Svara här: https://samverkan.example.se/natverk/svar/abc/",
        key="b:1",
        network=cast.network,
    )
    notify([member], kind="survey_invitation", subject="Enkät", body="x", key="b:2")
    sign_in(page, member.email)
    page.goto("/inkorg/")
    axe_check(page, context="(inbox)")

    page.get_by_label("Typ").select_option(label="Inbjudan att delta")
    page.get_by_role("button", name="Visa", exact=True).press("Enter")
    expect(page).to_have_url(re.compile(r"typ=invitation"))
    expect(page.get_by_role("link", name="Oläst: Enkät", exact=True)).to_have_count(0)
    axe_check(page, context="(inbox, filtered)")

    page.get_by_role("link", name="Oläst: Inbjudan: svara för Bjuv").press("Enter")
    expect(
        page.get_by_role("link", name="https://samverkan.example.se/natverk/svar/abc/")
    ).to_be_visible()
    axe_check(page, context="(notice with an answer link)")

    page.goto("/inkorg/")
    page.get_by_role("button", name="Markera alla som lästa").press("Enter")
    expect(page.get_by_role("link", name="Oläst: Enkät", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Enkät", exact=True)).to_be_visible()

    page.get_by_label("En sammanfattning per dag med dagens notiser").check()
    page.get_by_role("button", name="Spara valet").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Du får nu en sammanfattning per dag")
    axe_check(page, context="(inbox, digest chosen)")
