"""Issue 15, §2 and §3 in a browser: the secretariat ends a person from the person's page,
the person's sign-in is then refused, the minutes and attendance that name them still read
correctly, and the retention decisions page; axe-core clean on every page visited."""

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_check, follow, sign_in
from tests.cast import PASSWORD
from tests.records.ending.conftest import Story, story  # noqa: F401 (fixture)


def test_secretariat_ends_a_person_whose_sign_in_is_then_refused(
    page: Page,
    browser: Browser,
    live_server,
    story: Story,  # noqa: F811
):
    maja = story.cast.people["member"]
    email = maja.email
    sign_in(page, story.cast.people["secretariat"].email)
    page.goto(f"/handlingar/personer/{maja.pk}/")
    axe_check(page, context="(person)")
    follow(page, page.get_by_role("link", name="Avsluta personen…"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Avsluta Maja Medlem")
    axe_check(page, context="(ending)")
    page.get_by_role("button", name="Avsluta personen").click()
    expect(page.locator(".error").first).to_contain_text("Detta fält måste fyllas i")
    axe_check(page, context="(ending without a reason)")
    page.get_by_label("Anledning").fill("Har begärt radering (GDPR art. 17).")
    page.get_by_role("button", name="Avsluta personen").click()
    expect(page.get_by_role("status")).to_contain_text("Maja Medlem är avslutad")
    axe_check(page, context="(ended)")
    page.goto("/handlingar/gallring/")
    axe_check(page, context="(retention)")
    page.get_by_label("meddelanden gallras efter (månader)").fill("24")
    page.get_by_role("button", name="Spara besluten").click()
    expect(page.get_by_role("status")).to_contain_text("Gallringsbesluten är sparade")
    axe_check(page, context="(retention saved)")

    theirs = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    theirs.goto("/konto/login/")
    theirs.get_by_label("E-post").fill(email)
    theirs.get_by_label("Lösenord").fill(PASSWORD)
    theirs.get_by_role("button", name="Logga in").click()
    expect(theirs.locator(".error, .error-summary").first).to_be_visible()
    expect(theirs.get_by_role("button", name="Logga ut")).to_have_count(0)
    axe_check(theirs, context="(sign-in refused)")
    theirs.context.close()

    secretary = browser.new_context(base_url=live_server.url, locale="sv-SE").new_page()
    sign_in(secretary, story.cast.people["secretary"].email)
    secretary.goto(f"/natverk/{story.cast.network.slug}/moten/{story.meeting.pk}/")
    expect(secretary.get_by_text("Maja Medlem föredrog läget i Klippan.")).to_be_visible()
    expect(secretary.get_by_text("Maja Medlem, Klippan: Närvarande")).to_be_visible()
    axe_check(secretary, context="(minutes naming the ended person)")
    secretary.context.close()
