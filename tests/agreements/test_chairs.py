import datetime

import pytest

from samverkan.agreements import selectors, services
from samverkan.agreements.models import Chairmanship
from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.cooperation.models import Municipality
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.networks.models import Participation
from tests.agreements.helpers import adopt, munis

NOV = datetime.date(2025, 11, 15)


def appoint(cast, year, *names, on=NOV, **kw):
    return services.appoint_chairs(
        cast.user("coordinator"),
        cast.network,
        year=year,
        municipalities=munis(cast, *names),
        appointed_on=on,
        **kw,
    )


def verdict(cast, rule_id, day):
    return evaluate([cast.network], day, rule_ids=[rule_id])[0].verdicts[rule_id]


def test_appoint_two_chairs_for_a_year_CH2(cast):
    adopt(cast)
    term = appoint(
        cast, 2026, "Bjuv", "Klippan", people={cast.muni("Klippan").pk: cast.people["member"]}
    )
    assert term.term_years == 1
    assert [m.name for m in selectors.chair_municipalities(cast.network, 2026)] == [
        "Bjuv",
        "Klippan",
    ]
    assert term.chairs.get(municipality=cast.muni("Klippan")).person == cast.people["member"]


def test_wrong_number_of_chairs_refused_CH2(cast):
    adopt(cast)
    with pytest.raises(RuleViolation) as exc:
        appoint(cast, 2026, "Bjuv")
    assert exc.value.rule_id == "CH2" and "2 kommuner" in exc.value.message
    assert not Chairmanship.objects.exists()


def test_chair_must_participate_CH2(cast):
    adopt(cast)
    Participation.objects.filter(network=cast.network, municipality=cast.muni("Bjuv")).update(
        left_on=datetime.date(2025, 6, 30)
    )
    with pytest.raises(RuleViolation) as exc:
        appoint(cast, 2026, "Bjuv", "Klippan")
    assert "Bjuv" in exc.value.message
    assert not Chairmanship.objects.exists()


def test_non_member_municipality_refused_CH2(cast):
    malmo = Municipality.objects.create(code="1280", name="Malmö", slug="malmo")
    with pytest.raises(RuleViolation, match="Malmö gör det inte") as exc:
        services.appoint_chairs(
            cast.user("coordinator"),
            cast.network,
            year=2026,
            municipalities=[malmo],
            appointed_on=NOV,
        )
    assert exc.value.rule_id == "CH2"


def test_duplicate_year_refused_CH2(cast):
    adopt(cast)
    appoint(cast, 2026, "Bjuv", "Klippan")
    with pytest.raises(RuleViolation) as exc:
        appoint(cast, 2026, "Åstorp", "Perstorp")
    assert "överlappa" in exc.value.message
    assert Chairmanship.objects.count() == 1


def test_overlapping_terms_refused_CH2(cast):
    adopt(cast, chair_term_years=2)
    appoint(cast, 2026, "Bjuv", "Klippan")
    with pytest.raises(RuleViolation, match="överlappa") as exc:
        appoint(cast, 2027, "Åstorp", "Perstorp")
    assert exc.value.rule_id == "CH2"
    assert appoint(cast, 2028, "Åstorp", "Perstorp").term_years == 2


def test_same_municipality_twice_refused(cast):
    with pytest.raises(ServiceError, match="Samma kommun är vald två gånger"):
        appoint(cast, 2026, "Bjuv", "Bjuv")


def test_chair_person_must_be_member(cast):
    adopt(cast)
    with pytest.raises(ServiceError, match="inte medlem i nätverket och kan inte vara ordförande"):
        appoint(cast, 2026, "Bjuv", "Klippan", people={cast.muni("Bjuv").pk: cast.people["reader"]})
    assert not Chairmanship.objects.exists()


def test_proposal_never_first_then_longest_ago_then_fewest_terms_then_name_CH2(cast):
    adopt(cast)
    # everyone but Åstorp and Perstorp has chaired; Bjuv and Klippan longest ago (2021)
    appoint(cast, 2020, "Bjuv", "Klippan", on=datetime.date(2019, 11, 1))
    appoint(cast, 2021, "Bjuv", "Klippan", on=datetime.date(2020, 11, 1))
    pairs = [
        ("Svalöv", "Örkelljunga"),
        ("Båstad", "Landskrona"),
        ("Helsingborg", "Höganäs"),
        ("Ängelholm", "Svalöv"),
    ]
    for year, (a, b) in enumerate(pairs, start=2022):
        appoint(cast, year, a, b, on=datetime.date(year - 1, 11, 1))
    proposal = selectors.propose_chairs(cast.network, 2027)
    assert [c.municipality.name for c in proposal] == ["Perstorp", "Åstorp"]
    assert proposal[0].last_year is None
    # with four: never first (Perstorp, Åstorp by name), then Bjuv/Klippan who chaired in 2021
    four = selectors.propose_chairs(cast.network, 2027, count=4)
    assert [c.municipality.name for c in four] == ["Perstorp", "Åstorp", "Bjuv", "Klippan"]


def test_proposal_ties_by_fewest_terms_CH2(cast):
    adopt(cast)
    appoint(cast, 2020, "Bjuv", "Klippan", on=datetime.date(2019, 11, 1))
    appoint(cast, 2022, "Bjuv", "Åstorp", on=datetime.date(2021, 11, 1))
    # Klippan last chaired 2020 (1 term); Bjuv and Åstorp 2022; Åstorp fewer terms than Bjuv
    ranked = selectors.propose_chairs(cast.network, 2027, count=11)
    names = [c.municipality.name for c in ranked]
    assert names.index("Klippan") < names.index("Åstorp") < names.index("Bjuv")


def test_no_agreement_not_applicable_CH2(cast):
    assert verdict(cast, "CH2", datetime.date(2026, 3, 1)).status == Status.NOT_APPLICABLE


def test_missing_chairs_from_january_CH2(cast):
    adopt(cast)
    v = verdict(cast, "CH2", datetime.date(2026, 1, 1))
    assert v.status == Status.MISSING and "Förslag" in v.explanation


def test_flagged_from_november_CH2(cast):
    adopt(cast)
    appoint(cast, 2026, "Bjuv", "Klippan")
    assert verdict(cast, "CH2", datetime.date(2026, 10, 31)).status == Status.OK
    v = verdict(cast, "CH2", datetime.date(2026, 11, 1))
    assert v.status == Status.WARNING and "2027" in v.explanation
    appoint(cast, 2027, "Åstorp", "Perstorp", on=datetime.date(2026, 11, 5))
    assert verdict(cast, "CH2", datetime.date(2026, 11, 6)).status == Status.OK


def test_secretary_with_title_ok_CH3(cast):
    adopt(cast)
    cast.people["secretary"].title = "Planeringsledare, socialförvaltningen"
    cast.people["secretary"].save()
    assert verdict(cast, "CH3", datetime.date(2026, 3, 1)).status == Status.OK


def test_secretary_without_title_warning_CH3(cast):
    adopt(cast)
    v = verdict(cast, "CH3", datetime.date(2026, 3, 1))
    assert v.status == Status.WARNING and "planeringsledare" in v.explanation


def test_no_secretary_missing_CH3(cast):
    adopt(cast)
    from samverkan.networks.models import Membership

    Membership.objects.filter(role=Membership.Role.SECRETARY).update(
        end_on=datetime.date(2025, 1, 1)
    )
    assert verdict(cast, "CH3", datetime.date(2026, 3, 1)).status == Status.MISSING


def test_no_title_in_agreement_not_applicable_CH3(cast):
    adopt(cast, secretary_title="")
    assert verdict(cast, "CH3", datetime.date(2026, 3, 1)).status == Status.NOT_APPLICABLE


def test_chairs_page_overlap_message(cast, client_for):
    adopt(cast)
    appoint(cast, 2027, "Bjuv", "Klippan")
    response = client_for("coordinator").post(
        "/natverk/socialchefsnatverket/ordforande/",
        {"year": 2027, "municipalities": [cast.muni("Åstorp").pk, cast.muni("Perstorp").pk]},
    )
    assert response.status_code == 200
    assert "överlappa" in response.content.decode()
    assert Chairmanship.objects.count() == 1
