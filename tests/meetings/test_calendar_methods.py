"""What each calendar file says it is (issue 18 §5; RFC 5546 iTIP, RFC 7986): a download and a
feed are METHOD:PUBLISH, without attendees; only the e-mailed invitation is a REQUEST (a
CANCEL once cancelled), with the ORGANIZER and every ATTENDEE it goes to; a subscribed feed
says how often to fetch it again (REFRESH-INTERVAL, X-PUBLISHED-TTL)."""

import datetime
import re

import icalendar
import pytest

from samverkan.meetings import feeds, services
from samverkan.notifications.models import Notification
from tests.meetings.conftest import at

DAY = datetime.date(2026, 10, 20)


@pytest.fixture
def meeting(scn):
    return services.schedule_meeting(
        scn.user("secretary"),
        scn.network,
        starts_at=at(DAY, 9),
        ends_at=at(DAY, 12),
        place="Kommunhuset, Bjuv",
    )


def _attachment(notice) -> icalendar.Calendar:
    ((name, content, _mime),) = notice.decoded_attachments()
    assert name.endswith(".ics")
    return icalendar.Calendar.from_ical(content)


def _attendees(event) -> set[str]:
    found = event.get("ATTENDEE", [])
    return {str(a) for a in (found if isinstance(found, list) else [found])}


def test_download_is_publish_without_attendees(scn, client_for, meeting):
    url = f"/natverk/{scn.network.slug}/moten/{meeting.pk}/kalender.ics"
    cal = icalendar.Calendar.from_ical(client_for("member").get(url).content)
    (event,) = cal.walk("VEVENT")
    assert str(cal["METHOD"]) == "PUBLISH"
    assert "ATTENDEE" not in event
    assert str(event["ORGANIZER"]) == "mailto:sekretariatet@example.se"  # iTIP: required
    assert "REFRESH-INTERVAL" not in cal  # a file, not a subscription


def test_cancelled_download_is_still_publish_with_status_cancelled(scn, client_for, meeting):
    services.cancel_meeting(scn.user("secretary"), meeting, reason="Sjukdom")
    url = f"/natverk/{scn.network.slug}/moten/{meeting.pk}/kalender.ics"
    cal = icalendar.Calendar.from_ical(client_for("member").get(url).content)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert str(cal.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_emailed_invitation_is_a_request_to_every_recipient(scn, meeting):
    notice = Notification.objects.get(kind="meeting_invitation", recipient=scn.people["member"])
    cal = _attachment(notice)
    (event,) = cal.walk("VEVENT")
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["ORGANIZER"]) == "mailto:sekretariatet@example.se"
    members = {p.email for p in (scn.people["member"], scn.people["secretary"])}
    assert {f"mailto:{e}" for e in members} <= _attendees(event)
    attendee = next(a for a in event["ATTENDEE"] if str(a).endswith(scn.people["member"].email))
    assert attendee.params["CN"] == "Maja Medlem" and attendee.params["RSVP"] == "FALSE"


def test_emailed_cancellation_is_a_cancel_to_the_same_people(scn, meeting):
    services.cancel_meeting(scn.user("secretary"), meeting)
    notice = Notification.objects.get(kind="meeting_cancelled", recipient=scn.people["member"])
    cal = _attachment(notice)
    assert str(cal["METHOD"]) == "CANCEL"
    assert f"mailto:{scn.people['member'].email}" in _attendees(cal.walk("VEVENT")[0])


def test_feed_says_how_often_to_fetch_it_again(scn, client_for, meeting, settings):
    settings.CALENDAR_FEED_REFRESH_MINUTES = 90
    change = feeds.change_feed(scn.user("member"), "create", person=scn.people["member"])
    assert change.url
    path = change.url.removeprefix(settings.SITE_URL.rstrip("/"))
    body = client_for("anonymous").get(path).content
    cal = icalendar.Calendar.from_ical(body)
    assert str(cal["METHOD"]) == "PUBLISH"
    assert re.search(rb"^REFRESH-INTERVAL;VALUE=DURATION:PT1H30M\r$", body, re.M)
    assert re.search(rb"^X-PUBLISHED-TTL:PT1H30M\r$", body, re.M)
    assert all("ATTENDEE" not in e for e in cal.walk("VEVENT"))


def test_year_plan_sent_by_mail_is_publish_without_refresh(scn):
    from samverkan.meetings.notices import year_planned

    meetings = [
        services.schedule_meeting(
            scn.user("secretary"), scn.network, starts_at=at(day, 9), ends_at=at(day, 12)
        )
        for day in (datetime.date(2027, 2, 2), datetime.date(2027, 3, 2))
    ]
    year_planned(scn.network, 2027, meetings)
    notice = Notification.objects.get(kind="meetings_year_planned", recipient=scn.people["member"])
    cal = _attachment(notice)
    assert str(cal["METHOD"]) == "PUBLISH" and "REFRESH-INTERVAL" not in cal
    assert len(cal.walk("VEVENT")) == 2
