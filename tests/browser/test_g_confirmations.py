"""Issue 16 §8, §9 in the browser: the yearly report's send confirmation and the correction of
a begun chair term, with the keyboard only; axe-core clean on each page."""

import datetime

from playwright.sync_api import Page, expect

from samverkan.agreements.models import Chairmanship, ChairMunicipality
from samverkan.notifications.models import Notification
from samverkan.people.models import Person
from samverkan.surveys.models import DirectorsGroupMember
from tests.agreements.helpers import adopt
from tests.browser.conftest import axe_check, sign_in


def test_send_report_and_correct_chairs_by_keyboard_CH2(page: Page, cast):
    year = datetime.date.today().year
    dora = Person.objects.create(name="Dora Direktör", email="dora@example.se")
    DirectorsGroupMember.objects.create(person=dora)
    adopt(cast)
    term = Chairmanship.objects.create(
        network=cast.network, year=year, appointed_on=datetime.date(year - 1, 11, 1)
    )
    for name in ("Bjuv", "Klippan"):
        ChairMunicipality.objects.create(chairmanship=term, municipality=cast.muni(name))

    sign_in(page, cast.people["secretariat"].email)
    page.goto(f"/rapporter/arsrapport/{year}/")
    page.get_by_role("link", name="Skicka till kommundirektörsgruppen").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Skicka årsrapporten")
    expect(page.get_by_role("cell", name="Dora Direktör")).to_be_visible()
    axe_check(page, context="(yearly report, send confirmation)")
    page.get_by_role("button", name="Skicka till 1 mottagare").press("Enter")
    expect(page.locator(".error-summary")).to_be_visible()
    assert not Notification.objects.filter(kind="yearly_report").exists()
    page.get_by_label("Jag har granskat rapporten").press("Space")
    page.get_by_role("button", name="Skicka till 1 mottagare").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Årsrapporten skickas till 1 mottagare")

    page.goto(f"/natverk/{cast.network.slug}/ordforande/")
    expect(page.get_by_role("button", name=f"Ta bort {year}")).to_have_count(0)
    page.get_by_role("link", name=f"Rätta {year}").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Rätta ordförandeskapet {year}")
    axe_check(page, context="(chairs, correct)")
    page.get_by_label("Maja Medlem, Klippan").press("Space")
    page.get_by_role("button", name="Spara rättelsen").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("är rättat")
    assert term.chairs.get(municipality=cast.muni("Klippan")).person == cast.people["member"]
