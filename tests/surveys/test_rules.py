"""P4/ST2 in the compliance registry."""

import datetime

from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.surveys import services
from samverkan.surveys.rules import cooperation_survey_state
from tests.surveys.helpers import add_members, answer_all, opened_round


def verdict(cast, network, day):
    return evaluate([network], day, rule_ids=["P4"])[0].verdicts["P4"]


def test_missing_without_any_closed_round_P4(cast):
    v = verdict(cast, cast.network, datetime.date(2026, 6, 1))
    assert v.status == Status.MISSING and "Ingen enkätomgång" in v.explanation


def test_ok_then_warning_from_21_months_then_missing_after_two_years_P4_ST2(cast):
    people = add_members(cast, cast.other_network, 5)
    survey = opened_round(cast, opens=datetime.date(2024, 3, 1), closes=datetime.date(2024, 3, 31))
    answer_all(survey, cast.other_network, people, today=datetime.date(2024, 3, 5))
    services.close_round(cast.user("secretariat"), survey, today=datetime.date(2024, 3, 31))
    ok = verdict(cast, cast.other_network, datetime.date(2025, 12, 30))
    assert ok.status == Status.OK and "5 av 6 svarade (83 %)" in ok.explanation
    assert verdict(cast, cast.network, datetime.date(2025, 12, 30)).status == Status.OK
    assert "0 av 3" in verdict(cast, cast.network, datetime.date(2025, 12, 30)).explanation
    warn = verdict(cast, cast.network, datetime.date(2025, 12, 31))  # 21 months
    assert warn.status == Status.WARNING
    assert verdict(cast, cast.network, datetime.date(2026, 3, 30)).status == Status.WARNING
    assert verdict(cast, cast.network, datetime.date(2026, 3, 31)).status == Status.MISSING
    assert cooperation_survey_state(datetime.date(2026, 4, 1)).status == Status.MISSING


def test_network_not_covered_by_last_round_is_warned_P4(cast):
    from samverkan.networks.models import Network

    survey = opened_round(cast, opens=datetime.date(2026, 1, 5), closes=datetime.date(2026, 2, 1))
    services.close_round(cast.user("secretariat"), survey, today=datetime.date(2026, 2, 1))
    late = Network.objects.create(
        name="Nytt nätverk",
        slug="nytt",
        area=cast.area,
        status=Network.Status.ACTIVE,
        started_on=datetime.date(2026, 3, 1),
    )
    v = verdict(cast, late, datetime.date(2026, 6, 1))
    assert v.status == Status.WARNING and "omfattades inte" in v.explanation
