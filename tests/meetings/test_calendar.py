"""iCalendar output parsed back with the icalendar library, field by field (issue 5, item 4
and 7), including a cancellation and a move across the end of daylight-saving time."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest

from samverkan.meetings import services
from samverkan.meetings.calendar import feed_ics, invitation_ics
from samverkan.meetings.notices import recipients
from tests.meetings.conftest import at

UTC = datetime.UTC
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def parse(data: bytes) -> tuple[icalendar.Calendar, icalendar.cal.Component]:
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return cal, events[0]


@pytest.fixture
def meeting(scn):
    day = datetime.date(2026, 10, 20)
    return services.schedule_meeting(
        scn.user("secretary"),
        scn.network,
        starts_at=at(day, 9),
        ends_at=at(day, 12),
        place="Kommunhuset, Bjuv",
        host=scn.muni("Bjuv"),
        title="Socialchefsmöte",
    )


def test_invitation_fields(meeting):
    cal, event = parse(invitation_ics(meeting, recipients(meeting.network)))
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//Samverkan")
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert str(event["UID"]) == meeting.uid
    assert int(event["SEQUENCE"]) == 0
    assert str(event["SUMMARY"]) == "Socialchefsmöte"
    assert str(event["LOCATION"]) == "Kommunhuset, Bjuv"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.replace(tzinfo=None), end.replace(tzinfo=None)) == (
        datetime.datetime(2026, 10, 20, 9),
        datetime.datetime(2026, 10, 20, 12),
    )
    # 20 October is summer time: 09:00 in Stockholm is 07:00 UTC.
    assert start.astimezone(UTC) == datetime.datetime(2026, 10, 20, 7, tzinfo=UTC)
    assert str(event["ORGANIZER"]) == "mailto:sekretariatet@example.se"
    assert "Värdkommun: Bjuv" in str(event["DESCRIPTION"])
    assert str(event["URL"]).endswith(meeting.get_absolute_url())


def test_move_across_daylight_saving_change_keeps_wall_clock_and_uid(scn, meeting):
    new_day = datetime.date(2026, 10, 27)  # after the change on 25 October
    moved = services.move_meeting(
        scn.user("secretary"), meeting, starts_at=at(new_day, 9), ends_at=at(new_day, 12)
    )
    cal, event = parse(invitation_ics(moved, recipients(moved.network)))
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == meeting.uid
    assert int(event["SEQUENCE"]) == 1
    start = event.decoded("DTSTART")
    assert start.replace(tzinfo=None) == datetime.datetime(2026, 10, 27, 9)
    # Winter time now: 09:00 in Stockholm is 08:00 UTC, one hour later in UTC than before.
    assert start.astimezone(UTC) == datetime.datetime(2026, 10, 27, 8, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == datetime.datetime(2026, 10, 27, 11, tzinfo=UTC)
    # The VTIMEZONE carries the October transition, so importers compute the same offset.
    tz = next(iter(cal.walk("VTIMEZONE")))
    assert tz.to_tz().utcoffset(datetime.datetime(2026, 10, 27, 9)) == datetime.timedelta(hours=1)
    assert tz.to_tz().utcoffset(datetime.datetime(2026, 10, 20, 9)) == datetime.timedelta(hours=2)


def test_cancellation_fields(scn, meeting):
    cancelled = services.cancel_meeting(scn.user("secretary"), meeting, reason="Sjukdom")
    cal, event = parse(invitation_ics(cancelled, recipients(cancelled.network)))
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == meeting.uid
    assert int(event["SEQUENCE"]) == 1
    assert "Inställt: Sjukdom" in str(event["DESCRIPTION"])


def test_feed_publishes_all_with_cancelled_marked(scn, meeting):
    day = datetime.date(2026, 11, 3)
    other = services.schedule_meeting(
        scn.user("secretary"), scn.network, starts_at=at(day, 13), ends_at=at(day, 15)
    )
    services.cancel_meeting(scn.user("secretary"), other)
    other.refresh_from_db()
    cal = icalendar.Calendar.from_ical(feed_ics([meeting, other], name="SCN"))
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "SCN"
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert str(events[meeting.uid]["STATUS"]) == "CONFIRMED"
    assert str(events[other.uid]["STATUS"]) == "CANCELLED"
    assert str(events[other.uid]["SUMMARY"]) == "Möte i Socialchefsnätverket"


def test_invitation_notice_carries_the_ics(scn, meeting):
    from samverkan.notifications.models import Notification

    notice = Notification.objects.get(kind="meeting_invitation", recipient=scn.people["member"])
    ((name, content, mimetype),) = notice.decoded_attachments()
    assert name.endswith(".ics") and mimetype == "text/calendar"
    _cal, event = parse(content)
    assert str(event["UID"]) == meeting.uid
