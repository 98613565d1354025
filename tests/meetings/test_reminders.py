"""The daily reminder to record attendance after a meeting (P3)."""

import datetime

from samverkan.meetings import services
from samverkan.meetings.attendance import record_attendance
from samverkan.meetings.reminders import remind_attendance
from samverkan.notifications.models import Notification
from tests.meetings.conftest import at


def test_attendance_reminded_once_to_coordinator_and_secretary_P3(scn):
    day = datetime.date(2026, 3, 3)
    meeting = services.schedule_meeting(
        scn.user("secretary"), scn.network, starts_at=at(day, 9), ends_at=at(day, 12)
    )
    other = services.schedule_meeting(
        scn.user("secretary"), scn.network, starts_at=at(day, 13), ends_at=at(day, 15)
    )
    record_attendance(scn.user("secretary"), other, person=scn.people["member"], status="present")
    assert remind_attendance(day) == 0  # not held yet on the day itself
    assert remind_attendance(day + datetime.timedelta(days=1)) == 1
    remind_attendance(day + datetime.timedelta(days=2))
    notices = Notification.objects.filter(kind="meeting_attendance_missing")
    assert {n.recipient.name for n in notices} == {"Sara Sekreterare", "Kim Samordnare"}
    assert {n.object_id for n in notices} == {meeting.pk}
    assert remind_attendance(day + datetime.timedelta(days=9)) == 0
