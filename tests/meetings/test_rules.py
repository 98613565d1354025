"""Compliance checks of meetings by rule ID (CH1, CO1, P3), and the snapshot loader's
constant query count."""

import datetime

import pytest

from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.core.errors import ServiceError
from samverkan.meetings import services
from samverkan.meetings.attendance import record_attendance
from samverkan.meetings.models import Attendance, Meeting
from samverkan.networks.models import Membership, Network
from tests.helpers import assert_same_queries, queries_of
from tests.meetings.conftest import agree, at

AS_OF = datetime.date(2026, 6, 30)


def verdict(network, rule_id, as_of=AS_OF):
    return evaluate([network], as_of, rule_ids=[rule_id])[0].verdicts[rule_id]


def schedule(cast, days, network=None):
    return [
        services.schedule_meeting(
            cast.user("secretariat"), network or cast.network, starts_at=at(d, 9), ends_at=at(d, 12)
        )
        for d in days
    ]


def months(*ms, year=2026):
    return [datetime.date(year, m, 10) for m in ms]


def test_ch1_warning_below_80_percent_CH1(scn):
    schedule(scn, months(1, 2, 3, 4, 5, 6, 8))
    v = verdict(scn.network, "CH1")
    assert v.status == Status.WARNING and "7 av 10" in v.explanation


def test_ch1_ok_at_80_percent_cancelled_not_counted_CH1(scn):
    meetings = schedule(scn, months(1, 2, 3, 4, 5, 6, 8, 9))
    services.cancel_meeting(scn.user("secretariat"), meetings[-1])
    assert verdict(scn.network, "CH1").status == Status.WARNING  # 7 of 10
    schedule(scn, months(11))  # held (6) and planned (2) count alike
    v = verdict(scn.network, "CH1")
    assert v.status == Status.OK and "8 av 10" in v.explanation


def test_ch1_not_applicable_without_number_CH1(cast):
    assert verdict(cast.network, "CH1").status == Status.NOT_APPLICABLE


def test_co1_flags_a_recorded_non_member_CO1(scn):
    (meeting,) = schedule(scn, months(3))
    record_attendance(scn.user("secretary"), meeting, person=scn.people["member"], status="present")
    assert verdict(scn.network, "CO1").status == Status.OK
    # The membership is ended back in time: the list now holds a non-member.
    Attendance.objects.filter(meeting=meeting).update(substitute=True)
    v = verdict(scn.network, "CO1")
    assert v.status == Status.WARNING and "1 närvaroposter" in v.explanation


def test_co1_not_applicable_where_substitutes_allowed_CO1(cast):
    agree(cast.network, substitutes_allowed=True)
    assert verdict(cast.network, "CO1").status == Status.NOT_APPLICABLE


def test_p3_warns_for_a_municipality_absent_from_more_than_half_P3(scn):
    meetings = schedule(scn, months(1, 2, 3, 4))
    secretary = scn.user("secretary")
    for m in meetings:
        record_attendance(secretary, m, person=scn.people["secretary"], status="present")
        record_attendance(secretary, m, person=scn.people["coordinator"], status="present")
    for m in meetings[:2]:
        record_attendance(secretary, m, person=scn.people["member"], status="present")
    # Only three municipalities have members: keep the network to those for a clear reading.
    from samverkan.networks.models import Participation

    Participation.objects.filter(network=scn.network).exclude(
        municipality__name__in=["Helsingborg", "Landskrona", "Klippan"]
    ).delete()
    assert verdict(scn.network, "P3").status == Status.OK  # Klippan: 2 of 4 is half
    record_attendance(secretary, meetings[1], person=scn.people["member"], status="absent")
    v = verdict(scn.network, "P3")
    assert v.status == Status.WARNING and "Klippan" in v.explanation
    assert "Helsingborg" not in v.explanation


def test_p3_warning_when_nothing_recorded_and_na_before_first_meeting_P3(scn):
    assert verdict(scn.network, "P3").status == Status.NOT_APPLICABLE
    schedule(scn, months(2))
    v = verdict(scn.network, "P3")
    assert v.status == Status.WARNING and "Ingen närvaro" in v.explanation


def test_rules_query_count_is_flat_in_networks(scn):
    def run():
        evaluate(Network.objects.all(), AS_OF, rule_ids=["CH1", "CO1", "P3"])

    schedule(scn, months(1, 2))
    few = queries_of(run)
    for i in range(15):
        net = Network.objects.create(
            name=f"Nät {i}", slug=f"nat-{i}", area=scn.area, status=Network.Status.ACTIVE
        )
        Membership.objects.create(
            network=net,
            person=scn.people["secretary"],
            role="secretary",
            start_on=datetime.date(2020, 1, 1),
        )
        schedule(scn, months(3, 4), network=net)
    assert Meeting.objects.count() == 32
    assert_same_queries(few, queries_of(run))


def test_approved_year_end_minutes_turn_the_agreement_check_green_CO2(scn, after_the_meetings):
    (last,) = schedule(scn, [datetime.date(2026, 12, 8)])
    next_january = datetime.date(2027, 1, 15)
    assert verdict(scn.network, "CO2", next_january).status == Status.MISSING
    review = last.agenda_items.get(kind="agreement_review")
    services.save_minutes(
        scn.user("coordinator"),
        last,
        text="Protokoll",
        outcomes={review.pk: "Utvärderad."},
        review_outcome="evaluated",
    )
    services.approve_minutes(scn.user("coordinator"), last)
    v = verdict(scn.network, "CO2", next_january)
    assert v.status == Status.OK and "2026-12-08" in v.explanation


def test_meeting_with_approved_minutes_cannot_move(scn):
    (first, _last) = schedule(scn, months(3, 12))
    services.save_minutes(scn.user("secretary"), first, text="Protokoll")
    services.approve_minutes(scn.user("secretary"), first)
    with pytest.raises(ServiceError, match="justerat"):
        services.move_meeting(
            scn.user("secretary"),
            first,
            starts_at=at(datetime.date(2026, 3, 11), 9),
            ends_at=at(datetime.date(2026, 3, 11), 12),
        )
