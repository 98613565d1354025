"""One test per rule and verdict of the checklist (SPEC §2, N1–N6)."""

import datetime

import pytest

from samverkan.compliance.registry import RULES, Status
from samverkan.compliance.selectors import evaluate
from samverkan.networks.models import Membership, Network, YearPlan

DAY = datetime.date(2026, 6, 15)


def verdict(network: Network, rule_id: str, day: datetime.date = DAY):
    return evaluate([network], day, rule_ids=[rule_id])[0].verdicts[rule_id]


def plan(network: Network, year: int = 2026, *, adopted: bool = True, **fields) -> YearPlan:
    values = {
        "purpose": "Syfte",
        "goals": "Mål",
        "meeting_organisation": "Tio möten",
        "contribution": "Bidrar till visionen",
    }
    values.update(fields)
    return YearPlan.objects.create(
        network=network,
        year=year,
        state=YearPlan.State.ADOPTED if adopted else YearPlan.State.DRAFT,
        adopted_on=datetime.date(year - 1, 12, 1) if adopted else None,
        **values,
    )


def test_every_checklist_rule_is_registered():
    assert {"N1", "N2", "N3", "N4", "N6"} <= set(RULES)


# ---- N1 ----------------------------------------------------------------------------------------


def test_n1_ok_when_adopted_plan_states_contribution_N1(cast):
    plan(cast.network)
    v = verdict(cast.network, "N1")
    assert v.status == Status.OK
    assert v.fix_url.endswith("/arsplan/2026/")


def test_n1_missing_without_plan_N1(cast):
    v = verdict(cast.network, "N1")
    assert v.status == Status.MISSING
    assert "2026" in v.explanation


def test_n1_missing_when_contribution_empty_N1(cast):
    plan(cast.network, contribution="")
    assert verdict(cast.network, "N1").status == Status.MISSING


def test_n1_warning_when_plan_is_a_draft_N1(cast):
    plan(cast.network, adopted=False)
    assert verdict(cast.network, "N1").status == Status.WARNING


def test_n1_not_applicable_to_closed_network_N1(cast):
    cast.network.status = Network.Status.CLOSED
    cast.network.save()
    assert verdict(cast.network, "N1").status == Status.NOT_APPLICABLE


# ---- N2 ----------------------------------------------------------------------------------------


def test_n2_ok_when_plan_tags_a_development_area_N2(cast):
    p = plan(cast.network)
    p.development_areas.add(cast.development_areas[3])
    v = verdict(cast.network, "N2")
    assert v.status == Status.OK


def test_n2_only_warns_when_no_area_is_tagged_N2(cast):
    plan(cast.network)
    assert verdict(cast.network, "N2").status == Status.WARNING


def test_n2_not_applicable_without_a_current_development_plan_N2(cast):
    cast.development_plan.end_year = 2023
    cast.development_plan.save()
    assert verdict(cast.network, "N2").status == Status.NOT_APPLICABLE


# ---- N3 ----------------------------------------------------------------------------------------


def test_n3_ok_with_adopted_plan_for_the_year_N3(cast):
    plan(cast.network)
    assert verdict(cast.network, "N3").status == Status.OK


def test_n3_missing_without_plan_N3(cast):
    plan(cast.network, year=2025)  # last year's plan does not count for this year
    assert verdict(cast.network, "N3").status == Status.MISSING


def test_n3_missing_when_a_part_is_empty_N3(cast):
    plan(cast.network, meeting_organisation="  ")
    assert verdict(cast.network, "N3").status == Status.MISSING


def test_n3_warning_for_a_draft_N3(cast):
    plan(cast.network, adopted=False)
    assert verdict(cast.network, "N3").status == Status.WARNING


def test_n3_warns_from_november_until_next_years_plan_is_adopted_N3(cast):
    plan(cast.network)
    november = datetime.date(2026, 11, 2)
    v = verdict(cast.network, "N3", november)
    assert v.status == Status.WARNING
    assert "2027" in v.explanation
    assert v.fix_url.endswith("/arsplan/2027/")
    plan(cast.network, year=2027)
    assert verdict(cast.network, "N3", november).status == Status.OK


# ---- N4 ----------------------------------------------------------------------------------------


def test_n4_ok_with_current_coordinator_N4(cast):
    v = verdict(cast.network, "N4")
    assert v.status == Status.OK
    assert "Kim Samordnare" in v.explanation


def test_n4_missing_when_the_coordinator_has_left_N4(cast):
    Membership.objects.filter(network=cast.network, role=Membership.Role.COORDINATOR).update(
        end_on=datetime.date(2026, 3, 1)
    )
    v = verdict(cast.network, "N4")
    assert v.status == Status.MISSING
    assert v.fix_url.endswith("/medlemmar/")


def test_n4_history_kept_coordinator_counts_on_earlier_day_N4(cast):
    Membership.objects.filter(network=cast.network, role=Membership.Role.COORDINATOR).update(
        end_on=datetime.date(2026, 3, 1)
    )
    assert verdict(cast.network, "N4", datetime.date(2026, 2, 1)).status == Status.OK


# ---- N6 ----------------------------------------------------------------------------------------


@pytest.fixture
def fresh_contacts(cast):
    for p in cast.people.values():
        p.contact_confirmed_on = datetime.date(2026, 1, 10)
        p.save()
    return cast


def test_n6_ok_when_all_confirmed_within_a_year_N6(fresh_contacts):
    assert verdict(fresh_contacts.network, "N6").status == Status.OK


def test_n6_warning_when_a_confirmation_is_older_than_12_months_N6(fresh_contacts):
    member = fresh_contacts.people["member"]
    member.contact_confirmed_on = datetime.date(2025, 5, 1)
    member.save()
    v = verdict(fresh_contacts.network, "N6")
    assert v.status == Status.WARNING
    assert "1 av 3" in v.explanation


def test_n6_missing_when_someone_has_no_email_N6(fresh_contacts):
    member = fresh_contacts.people["member"]
    member.email = ""
    member.save()
    v = verdict(fresh_contacts.network, "N6")
    assert v.status == Status.MISSING
    assert "Maja Medlem" in v.explanation


def test_n6_missing_without_members_N6(fresh_contacts):
    Membership.objects.filter(network=fresh_contacts.network).delete()
    assert verdict(fresh_contacts.network, "N6").status == Status.MISSING
