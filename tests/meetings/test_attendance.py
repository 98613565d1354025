"""Attendance: self-registration, the secretary's list, CO1 without substitutes, P3 statistics
and bad input (issue 5, items 3 and 8)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.history.models import HistoryEntry
from samverkan.meetings import services
from samverkan.meetings.attendance import record_attendance, remove_attendance
from samverkan.meetings.models import Attendance
from samverkan.meetings.selectors import attendance_stats, municipality_attendance
from tests.meetings.conftest import agree, at

PAST = datetime.date(2026, 3, 3)


@pytest.fixture
def meeting(scn):
    return services.schedule_meeting(
        scn.user("secretary"), scn.network, starts_at=at(PAST, 9), ends_at=at(PAST, 12)
    )


def test_member_registers_own_attendance_with_history(scn, meeting):
    member = scn.people["member"]
    row = record_attendance(scn.user("member"), meeting, person=member, status="excused")
    assert (row.status, row.municipality, row.substitute) == ("excused", scn.muni("Klippan"), False)
    assert HistoryEntry.objects.filter(verb="record_attendance", network=scn.network).exists()
    row = record_attendance(scn.user("member"), meeting, person=member, status="present")
    assert Attendance.objects.get(pk=row.pk).status == "present"


def test_member_may_not_mark_someone_else(scn, meeting):
    with pytest.raises(PermissionDenied):
        record_attendance(
            scn.user("member"), meeting, person=scn.people["secretary"], status="present"
        )


def test_non_member_refused_where_no_substitutes_CO1(scn, meeting):
    with pytest.raises(RuleViolation) as exc:
        record_attendance(
            scn.user("secretary"), meeting, person=scn.people["reader"], status="present"
        )
    assert exc.value.rule_id == "CO1"
    assert "CO1" in exc.value.message and "Rita Läsare" in exc.value.message
    assert not Attendance.objects.exists()


def test_former_member_refused_for_a_meeting_after_leaving_CO1(scn, meeting):
    from samverkan.networks.models import Membership

    Membership.objects.filter(person=scn.people["member"]).update(end_on=datetime.date(2026, 2, 1))
    with pytest.raises(RuleViolation, match="CO1"):
        record_attendance(
            scn.user("secretary"), meeting, person=scn.people["member"], status="present"
        )


def test_substitute_recorded_as_such_where_allowed_CO1(cast):
    agree(cast.network, substitutes_allowed=True)
    meeting = services.schedule_meeting(
        cast.user("secretary"), cast.network, starts_at=at(PAST, 9), ends_at=at(PAST, 12)
    )
    row = record_attendance(
        cast.user("secretary"), meeting, person=cast.people["reader"], status="present"
    )
    assert row.substitute is True and row.municipality == cast.muni("Bjuv")


def test_attendance_for_cancelled_meeting_refused(scn, meeting):
    services.cancel_meeting(scn.user("secretary"), meeting)
    meeting.refresh_from_db()
    with pytest.raises(ServiceError) as exc:
        record_attendance(
            scn.user("member"), meeting, person=scn.people["member"], status="present"
        )
    assert "inställt" in exc.value.message
    assert not Attendance.objects.exists()


def test_unknown_status_refused(scn, meeting):
    with pytest.raises(ServiceError, match="Välj närvarande, frånvarande eller anmält förhinder"):
        record_attendance(scn.user("member"), meeting, person=scn.people["member"], status="maybe")


def test_remove_own_attendance(scn, meeting):
    row = record_attendance(
        scn.user("member"), meeting, person=scn.people["member"], status="present"
    )
    remove_attendance(scn.user("member"), row)
    assert not Attendance.objects.exists()


def _year_of_meetings(cast, n):
    secretary = cast.user("secretary")
    return [
        services.schedule_meeting(
            secretary,
            cast.network,
            starts_at=at(datetime.date(2026, 1, 6) + datetime.timedelta(7 * i), 9),
            ends_at=at(datetime.date(2026, 1, 6) + datetime.timedelta(7 * i), 12),
        )
        for i in range(n)
    ]


def test_statistics_per_municipality_and_person_flag_mostly_absent_P3(scn):
    meetings = _year_of_meetings(scn, 4)
    secretary = scn.user("secretary")
    for m in meetings:
        record_attendance(secretary, m, person=scn.people["secretary"], status="present")
    record_attendance(secretary, meetings[0], person=scn.people["member"], status="present")
    record_attendance(secretary, meetings[1], person=scn.people["member"], status="excused")
    now = timezone.make_aware(datetime.datetime(2026, 12, 1))
    stats = attendance_stats(scn.network, 2026, now=now)
    assert stats.held == 4
    munis = {r.label: r for r in stats.municipalities}
    assert len(munis) == 11
    assert (munis["Helsingborg"].present, munis["Helsingborg"].mostly_absent) == (4, False)
    assert (munis["Klippan"].present, munis["Klippan"].excused) == (1, 1)
    assert munis["Klippan"].mostly_absent  # present at 1 of 4
    assert munis["Bjuv"].mostly_absent and munis["Bjuv"].share == 0
    people = {r.label: r for r in stats.people}
    assert people["Maja Medlem"].present == 1 and people["Sara Sekreterare"].share == 100
    rows = municipality_attendance(scn.muni("Helsingborg"), 2026, now=now)
    by_name = {r.network.name: r.row for r in rows}
    assert by_name["Socialchefsnätverket"].present == 4
    assert by_name["IT-chefsnätverket"].held == 0
