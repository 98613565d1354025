import datetime

import pytest

from samverkan.agreements import services
from samverkan.agreements.models import BusinessPlan, FocusArea
from samverkan.agreements.parameters import focus_area_threshold
from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.cooperation.models import Municipality
from samverkan.core.errors import ServiceError
from tests.agreements.helpers import adopt

ALL = [
    "Bjuv",
    "Båstad",
    "Helsingborg",
    "Höganäs",
    "Klippan",
    "Landskrona",
    "Perstorp",
    "Svalöv",
    "Åstorp",
    "Ängelholm",
    "Örkelljunga",
]
TODAY = datetime.date(2026, 6, 1)


def plan_with(cast, year, *areas, adopt_on=None):
    user = cast.user("coordinator")
    plan = services.save_business_plan(user, cast.network, year=year)
    for i, names in enumerate(areas):
        services.save_focus_area(
            user,
            plan,
            name=f"Område {i}",
            municipalities=[cast.muni(n) for n in names],
            today=datetime.date(year - 1, 11, 1),
        )
    if adopt_on:
        services.adopt_business_plan(user, plan, today=adopt_on)
    return plan


def verdict(cast, rule_id, day=TODAY):
    return evaluate([cast.network], day, rule_ids=[rule_id])[0].verdicts[rule_id]


def test_half_of_eleven_is_six_PR1():
    assert focus_area_threshold(0.5, 11) == 6
    assert focus_area_threshold(0.5, 10) == 5
    assert focus_area_threshold(0.3, 10) == 3  # not 4 from 3.0000000000000004
    assert focus_area_threshold(None, 11) == 1


def test_no_agreement_not_applicable_PR1(cast):
    assert verdict(cast, "PR1").status == Status.NOT_APPLICABLE


def test_no_plan_missing_PR1(cast):
    adopt(cast)
    v = verdict(cast, "PR1")
    assert v.status == Status.MISSING
    assert "/verksamhetsplan/2026/" in v.fix_url


def test_five_municipalities_do_not_qualify_PR1(cast):
    adopt(cast)
    plan_with(cast, 2026, ALL[:6], ALL[:6], ALL[:5], adopt_on=datetime.date(2025, 12, 1))
    v = verdict(cast, "PR1")
    assert v.status == Status.MISSING
    assert "2 frågeområden" in v.explanation and "minst 6 av 11" in v.explanation


def test_three_qualifying_adopted_ok_PR1(cast):
    adopt(cast)
    plan_with(cast, 2026, ALL[:6], ALL[5:], ALL[::2], adopt_on=datetime.date(2025, 12, 1))
    assert verdict(cast, "PR1").status == Status.OK


def test_three_qualifying_draft_warning_PR1(cast):
    adopt(cast)
    plan_with(cast, 2026, ALL[:6], ALL[5:], ALL[::2])
    assert verdict(cast, "PR1").status == Status.WARNING


def test_focus_area_outside_network_refused_nothing_written(cast):
    plan = services.save_business_plan(cast.user("coordinator"), cast.network, year=2026)
    malmo = Municipality.objects.create(code="1280", name="Malmö", slug="malmo")
    with pytest.raises(ServiceError) as exc:
        services.save_focus_area(
            cast.user("coordinator"),
            plan,
            name="Hemlöshet",
            municipalities=[cast.muni("Bjuv"), malmo],
        )
    assert "Malmö" in exc.value.message
    assert not FocusArea.objects.exists()


def test_focus_area_names_unique_in_plan(cast):
    plan = plan_with(cast, 2026, ["Bjuv"])
    with pytest.raises(ServiceError, match="redan ett frågeområde med det namnet"):
        services.save_focus_area(cast.user("coordinator"), plan, name="område 0", municipalities=[])


def test_adopting_empty_plan_refused(cast):
    plan = services.save_business_plan(cast.user("coordinator"), cast.network, year=2027)
    with pytest.raises(ServiceError, match="minst ett frågeområde innan planen antas"):
        services.adopt_business_plan(cast.user("coordinator"), plan)
    plan.refresh_from_db()
    assert plan.state == BusinessPlan.State.DRAFT


def test_not_required_not_applicable_CO3(cast):
    adopt(cast, business_plan_required=False)
    assert verdict(cast, "CO3").status == Status.NOT_APPLICABLE


def test_missing_plan_missing_CO3(cast):
    adopt(cast)
    assert verdict(cast, "CO3").status == Status.MISSING


def test_adopted_before_year_ok_CO3(cast):
    adopt(cast)
    plan_with(cast, 2026, ALL, adopt_on=datetime.date(2025, 12, 10))
    assert verdict(cast, "CO3").status == Status.OK


def test_adopted_after_year_start_warning_CO3(cast):
    adopt(cast)
    plan_with(cast, 2026, ALL, adopt_on=datetime.date(2026, 2, 10))
    v = verdict(cast, "CO3")
    assert v.status == Status.WARNING and "efter årets början" in v.explanation


def test_next_year_due_from_november_CO3(cast):
    adopt(cast)
    plan_with(cast, 2026, ALL, adopt_on=datetime.date(2025, 12, 10))
    assert verdict(cast, "CO3", datetime.date(2026, 10, 31)).status == Status.OK
    v = verdict(cast, "CO3", datetime.date(2026, 11, 1))
    assert v.status == Status.WARNING and "2027" in v.explanation
    plan_with(cast, 2027, ALL, adopt_on=datetime.date(2026, 11, 20))
    assert verdict(cast, "CO3", datetime.date(2026, 11, 21)).status == Status.OK


def test_business_plan_page_flow_PR1(cast, client_for):
    adopt(cast)
    client = client_for("coordinator")
    url = "/natverk/socialchefsnatverket/verksamhetsplan/2026/"
    ids = [cast.muni(n).pk for n in ALL]
    for name, chosen in (("Barn", ids[:6]), ("Äldre", ids[5:]), ("Missbruk", ids[::2])):
        assert client.post(url, {"name": name, "municipalities": chosen}).status_code == 302
    assert client.post(url, {"adopt": "1"}).status_code == 302
    html = client.get(url).content.decode()
    assert "PR1" in html and "Uppfylld" in html
    assert BusinessPlan.objects.get().is_adopted
