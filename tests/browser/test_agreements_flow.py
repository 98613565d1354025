"""A coordinator records a matter for one municipality and is refused (F2), fixes it, starts a
working group (F4), adopts a business plan with three qualifying focus areas and sees PR1 turn
green, with axe-core clean on every page visited (issue 4, item 9)."""

import datetime

from playwright.sync_api import Page, expect

from samverkan.agreements.models import BusinessPlan, Matter, WorkingGroup
from tests.agreements.helpers import adopt
from tests.browser.conftest import axe_check, follow, sign_in

FOCUS = {
    "Placeringar": ["Bjuv", "Båstad", "Helsingborg", "Höganäs", "Klippan", "Landskrona"],
    "Psykisk hälsa": ["Perstorp", "Svalöv", "Åstorp", "Ängelholm", "Örkelljunga", "Bjuv"],
    "Kompetens": [
        "Helsingborg",
        "Landskrona",
        "Perstorp",
        "Svalöv",
        "Åstorp",
        "Ängelholm",
        "Klippan",
    ],
}


def test_matter_refused_then_group_and_business_plan_PR1_F2_F4(page: Page, cast):
    first = adopt(cast, adopted_on=datetime.date(2024, 1, 1))
    adopt(
        cast,
        text=first.text + "\nInga ersättare deltar.",
        adopted_on=datetime.date(2025, 12, 9),
        meetings_per_year=8,
    )
    year = datetime.date.today().year
    sign_in(page, cast.people["coordinator"].email)
    page.goto(f"/natverk/{cast.network.slug}/")
    axe_check(page, context="(network)")
    follow(page, page.get_by_role("link", name="Överenskommelse och arbete"))
    axe_check(page, context="(overview)")
    page.get_by_role("link", name="Överenskommelse", exact=True).click()
    expect(page.locator(".diff-added")).to_contain_text("Inga ersättare deltar.")
    axe_check(page, context="(agreement with difference)")
    follow(page, page.get_by_role("link", name="Version 1 mot 2"))
    axe_check(page, context="(diff page)")

    follow(page, page.get_by_role("link", name="Ärenden", exact=True))
    axe_check(page, context="(matters)")
    page.get_by_label("Rubrik").fill("Gemensam upphandling av HVB")
    page.get_by_label("Bjuv", exact=True).check()
    page.get_by_role("button", name="Registrera ärendet").click()
    expect(page.locator(".error-summary")).to_contain_text("(F2)")
    axe_check(page, context="(matter refused)")
    assert not Matter.objects.exists()
    page.get_by_label("Bjuv", exact=True).check()
    page.get_by_label("Klippan", exact=True).check()
    page.get_by_role("button", name="Registrera ärendet").click()
    expect(page.get_by_role("status")).to_contain_text("är registrerad")
    axe_check(page, context="(matter recorded)")
    follow(page, page.get_by_role("link", name="Gemensam upphandling av HVB"))
    axe_check(page, context="(matter)")
    assert Matter.objects.get().concerned.count() == 2

    follow(page, page.get_by_role("link", name="Arbetsgrupper"))
    axe_check(page, context="(working groups)")
    page.get_by_label("Namn").fill("Arbetsgrupp placeringar")
    page.get_by_label("Kontaktperson").select_option(label="Maja Medlem")
    page.get_by_role("button", name="Starta arbetsgruppen").click()
    expect(page.get_by_role("status")).to_contain_text("är startad")
    axe_check(page, context="(group started)")
    assert WorkingGroup.objects.get().contact == cast.people["member"]

    page.get_by_role("link", name="Verksamhetsplan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(year))
    axe_check(page, context="(business plan)")
    expect(page.locator("#pr1-status")).to_contain_text("Saknas")
    for name, municipalities in FOCUS.items():
        page.locator("#id_name").fill(name)
        for municipality in municipalities:
            page.get_by_label(municipality, exact=True).check()
        page.get_by_role("button", name="Lägg till", exact=True).click()
        expect(page.get_by_role("status")).to_contain_text("Frågeområdet är sparat")
    expect(page.locator("#pr1-status")).to_contain_text("Varning")
    axe_check(page, context="(three focus areas)")
    page.get_by_role("button", name="Anta verksamhetsplanen").click()
    expect(page.locator("#pr1-status")).to_contain_text("Uppfylld")
    expect(page.locator("#pr1-status")).to_have_class("verdict ok")
    axe_check(page, context="(plan adopted)")
    assert BusinessPlan.objects.get(year=year).is_adopted

    page.goto(f"/natverk/{cast.network.slug}/")
    expect(page.locator(".verdict", has_text="PR1")).to_contain_text("Uppfylld")

    page.get_by_role("link", name="Överenskommelse och arbete").click()
    for name in ("Ordförande", "Uppdrag", "Introduktion"):
        follow(page, page.get_by_role("link", name=name, exact=True))
        axe_check(page, context=f"({name})")


def test_agreement_edit_review_and_group_pages_axe_clean(page: Page, cast):
    adopt(cast)
    sign_in(page, cast.people["coordinator"].email)
    page.goto(f"/natverk/{cast.network.slug}/overenskommelse/")
    page.get_by_role("link", name="Revidera överenskommelsen").click()
    page.locator("#id_focus_area_min_share").fill("1,5")
    page.get_by_role("button", name="Spara ny version").click()
    expect(page.locator("#id_focus_area_min_share_error")).to_contain_text("mellan 0 och 1")
    axe_check(page, context="(agreement form with errors)")
    page.goto(f"/natverk/{cast.network.slug}/overenskommelse/oversyn/")
    axe_check(page, context="(review)")
    page.goto(f"/natverk/{cast.network.slug}/arbetsgrupper/")
    page.get_by_label("Namn").fill("Grupp")
    # F4: the contact person is one of the network's members; nobody else is offered.
    contact = page.get_by_label("Kontaktperson")
    expect(contact.locator("option", has_text="Rita Läsare")).to_have_count(0)
    contact.select_option(label="Maja Medlem")
    page.get_by_role("button", name="Starta arbetsgruppen").click()
    expect(page.get_by_role("status")).to_contain_text("Arbetsgruppen Grupp är startad")
    axe_check(page, context="(group started)")
