"""A member answers the survey through the personal link; the secretariat closes the round and
opens the results with charts; axe-core clean on every page (issue 8, item 10)."""

import datetime

from playwright.sync_api import Page, expect

from samverkan.surveys import services
from samverkan.surveys.models import SealedResponse
from tests.browser.conftest import axe_check, follow, sign_in
from tests.surveys.helpers import add_members, answer_all, token_of


def test_member_answers_and_secretariat_opens_results_P4(page: Page, cast):
    today = datetime.date.today()
    survey = services.create_round(
        cast.user("secretariat"),
        title="Kvalitetsenkät",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=21),
    )
    services.open_round(cast.user("secretariat"), survey, today=today)
    # Two others answer first; the member answers in the browser.
    answer_all(
        survey,
        cast.network,
        [cast.people["secretary"], cast.people["coordinator"]],
        value=3,
        today=today,
    )

    page.goto(f"/enkater/svar/{token_of(survey, cast.people['member'], cast.network)}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kvalitetsenkät")
    axe_check(page, context="(answer form)")
    page.get_by_role(
        "group", name="Hur stort värde har nätverket för dig och din kommun?"
    ).get_by_label("5").check()
    page.get_by_role("group", name="Hur ofta bör nätverket träffas?").get_by_label(
        "Som i dag"
    ).check()
    page.get_by_label("Vad kan göra nätverket bättre?").fill("Fler studiebesök")
    page.get_by_role("button", name="Skicka svaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för dina svar!")
    axe_check(page, context="(thanks)")
    assert SealedResponse.objects.count() == 3  # sealed until the round closes (issue 13)
    page.go_back()
    page.reload()
    # A used link answers as an unknown one does (issue 13).
    expect(page.get_by_text("Länken går inte att använda")).to_be_visible()

    sign_in(page, cast.people["secretariat"].email)
    page.goto("/enkater/")
    axe_check(page, context="(surveys)")
    follow(page, page.get_by_role("link", name="Kvalitetsenkät", exact=True))
    axe_check(page, context="(round)")
    page.get_by_role("button", name="Stäng enkäten").click()
    expect(page.get_by_role("status")).to_contain_text("Enkäten är stängd")
    page.get_by_role("link", name="Visa resultaten").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Resultat: Kvalitetsenkät")
    axe_check(page, context="(results)")
    # Three answered in Socialchefsnätverket: below the threshold of five, so no network
    # group; the response rate is still shown.
    expect(page.get_by_role("cell", name="Bland övriga nätverk").first).to_be_visible()


def test_results_with_charts_axe_clean_P4(page: Page, cast):
    today = datetime.date.today()
    people = add_members(cast, cast.other_network, 5)
    survey = services.create_round(
        cast.user("secretariat"), title="Enkät med diagram", opens_on=today, closes_on=today
    )
    services.open_round(cast.user("secretariat"), survey, today=today)
    answer_all(survey, cast.other_network, people, value=4, today=today)
    services.close_round(cast.user("secretariat"), survey, today=today)
    sign_in(page, cast.people["secretariat"].email)
    page.goto(f"/enkater/{survey.pk}/resultat/")
    expect(page.locator(".chart svg").first).to_be_visible()
    expect(page.get_by_role("heading", name="IT-chefsnätverket")).to_be_visible()
    axe_check(page, context="(results with charts)")
    for path in (
        "/rapporter/deltagande/",
        f"/rapporter/arsrapport/{today.year}/",
        "/kostnader/",
        f"/kostnader/natverk/{cast.network.slug}/",
        "/oversikt/",
        "/enkater/kommundirektorsgruppen/",
        "/kommuner/helsingborg/",
    ):
        page.goto(path)
        axe_check(page, context=f"({path})")
