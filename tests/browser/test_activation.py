"""Issue 12, item 5: a person the system names opens the activation link, chooses a password
and lands signed in on Min sida; the used link then says so. axe-core checks every page."""

import re

from playwright.sync_api import Page, expect

from samverkan.accounts.activation import services
from samverkan.notifications.models import Notification
from samverkan.people.models import Person
from tests.browser.conftest import axe_check

PASSWORD = "en-lang-fras-om-sommaren"


def test_activation_link_in_the_browser(page: Page, cast):
    person = Person.objects.create(name="Nora Ny", email="nora.ny@example.se")
    services.invite(person)
    body = Notification.objects.get(recipient=person, kind="activation").body
    match = re.search(r"(/konto/aktivera/[^/\s]+/[^/\s]+/)", body)
    assert match, body
    path = match.group(1)

    page.goto(path)
    expect(page.get_by_role("heading", name="Aktivera ditt konto")).to_be_visible()
    axe_check(page, context="(activation form)")
    page.locator("#id_new_password1").fill("kort")
    page.locator("#id_new_password2").fill("kort")
    page.get_by_role("button", name="Spara lösenordet").click()
    expect(page.locator(".error").first).to_be_visible()
    axe_check(page, context="(activation form with errors)")

    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.get_by_role("button", name="Spara lösenordet").click()
    page.wait_for_url(re.compile(r"/min-sida/$"))
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    axe_check(page, context="(Min sida after activation)")

    page.goto(path)
    expect(page.get_by_role("heading", name="Länken fungerar inte")).to_be_visible()
    axe_check(page, context="(used link)")
