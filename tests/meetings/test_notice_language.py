"""The meetings app's notices (year plan, attendance reminder) are written in each recipient's
own language, whatever the language active when they are sent (SPEC §6; issue 11, item 10).
The single-meeting invitation is pinned in test_planning.py."""

import datetime

from django.utils import translation

from samverkan.meetings import services
from samverkan.meetings.planning import propose_year
from samverkan.meetings.reminders import remind_attendance
from samverkan.notifications.models import Notification
from tests.meetings.conftest import YEAR, at


def _speaks_english(scn, name):
    user = scn.user(name)
    user.language = "en"
    user.save(update_fields=["language"])
    return scn.people[name]


def _subjects(kind):
    return dict(Notification.objects.filter(kind=kind).values_list("recipient", "subject"))


def test_year_plan_in_each_recipients_language(scn):
    english = _speaks_english(scn, "member")
    proposal = propose_year(
        scn.network,
        year=YEAR,
        weekday=1,
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        skip_months={7},
        today=datetime.date(YEAR - 1, 11, 20),
    )
    with translation.override("sv"):
        services.plan_year(scn.user("secretary"), scn.network, year=YEAR, meetings=proposal)
    subjects = _subjects("meetings_year_planned")
    assert subjects[english.pk] == f"Meeting plan {YEAR} for {scn.network.name}"
    assert subjects[scn.people["coordinator"].pk] == f"Mötesplan {YEAR} för {scn.network.name}"


def test_attendance_reminder_in_each_recipients_language_P3(scn):
    english = _speaks_english(scn, "secretary")
    day = datetime.date(2026, 3, 3)
    services.schedule_meeting(
        scn.user("secretary"), scn.network, starts_at=at(day, 9), ends_at=at(day, 12)
    )
    with translation.override("sv"):
        assert remind_attendance(day + datetime.timedelta(days=1)) == 1
    subjects = _subjects("meeting_attendance_missing")
    assert subjects[english.pk] == "Record the attendance from the meeting on 2026-03-03"
    assert subjects[scn.people["coordinator"].pk] == "Registrera närvaron från mötet 2026-03-03"
