"""Meetings as iCalendar (RFC 5545 / iTIP RFC 5546) that Outlook and Google Calendar import.

Times are written in Europe/Stockholm with its VTIMEZONE, so a meeting keeps its wall-clock
time across a daylight-saving change. The UID never changes and SEQUENCE is raised on every
move or cancellation, so a calendar updates the event it already has instead of adding one.

The METHOD says what a file is (RFC 5546, iTIP): a download or a subscribed feed is PUBLISH, a
copy of the meeting that a calendar files as an appointment; only the e-mailed invitation is a
REQUEST (or a CANCEL), and a REQUEST names its ORGANIZER and every ATTENDEE, as iTIP requires
(without attendees Outlook shows a request that nobody was invited to). ORGANIZER stays in
PUBLISH, where iTIP requires it too. A feed says how often to fetch it again."""

import datetime
from collections.abc import Iterable, Sequence

import icalendar
from django.conf import settings
from django.utils import timezone

from samverkan.cooperation.models import Cooperation
from samverkan.meetings.models import STOCKHOLM, Meeting
from samverkan.people.models import Person

PRODID = "-//Samverkan//Möten//SV"


def _calendar(
    *, method: str | None, name: str = "", refresh: datetime.timedelta | None = None
) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("x-wr-timezone", "Europe/Stockholm")
    if refresh is not None:
        # RFC 7986 REFRESH-INTERVAL (its VALUE=DURATION is required) and Microsoft's older
        # X-PUBLISHED-TTL, which Outlook reads.
        cal.add("refresh-interval", icalendar.vDuration(refresh), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", icalendar.vDuration(refresh))
    return cal


def feed_refresh() -> datetime.timedelta:
    """How often a subscribed calendar should fetch its feed again."""
    return datetime.timedelta(minutes=settings.CALENDAR_FEED_REFRESH_MINUTES)


def _organizer() -> icalendar.vCalAddress:
    coop = Cooperation.objects.order_by("pk").only("name", "secretariat_email").first()
    email = (coop.secretariat_email if coop else "") or settings.DEFAULT_FROM_EMAIL
    organizer = icalendar.vCalAddress(f"mailto:{email}")
    organizer.params["cn"] = icalendar.vText(coop.name if coop else "Samverkan")
    return organizer


def _event(meeting: Meeting, organizer: icalendar.vCalAddress) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", timezone.now())
    event.add("last-modified", meeting.updated_at or timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(STOCKHOLM))
    event.add("dtend", meeting.ends_at.astimezone(STOCKHOLM))
    event.add("summary", meeting.display_title)
    if meeting.place:
        event.add("location", meeting.place)
    lines = []
    if meeting.host is not None:
        lines.append(f"Värdkommun: {meeting.host.name}")
    items = list(meeting.agenda_items.all())
    if items:
        lines.append("Dagordning:")
        lines += [f"{n}. {item.title}" for n, item in enumerate(items, start=1)]
    if meeting.is_cancelled and meeting.cancel_reason:
        lines.append(f"Inställt: {meeting.cancel_reason}")
    if lines:
        event.add("description", "\n".join(lines))
    event.add("url", settings.SITE_URL.rstrip("/") + meeting.get_absolute_url())
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event["organizer"] = organizer
    return event


def _attendee(person: Person) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{person.email}")
    address.params["cn"] = icalendar.vText(person.name)
    address.params["role"] = "REQ-PARTICIPANT"
    address.params["partstat"] = "NEEDS-ACTION"
    # Attendance is registered in the service, not by e-mailed replies.
    address.params["rsvp"] = "FALSE"
    return address


def meeting_ics(meeting: Meeting) -> bytes:
    """One meeting to download (METHOD:PUBLISH); a cancelled one keeps STATUS:CANCELLED."""
    cal = _calendar(method="PUBLISH")
    cal.add_component(_event(meeting, _organizer()))
    cal.add_missing_timezones()
    return cal.to_ical()


def invitation_ics(meeting: Meeting, attendees: Sequence[Person]) -> bytes:
    """One meeting as the e-mailed invitation to `attendees`: METHOD:REQUEST, or METHOD:CANCEL
    once it is cancelled, with the organizer and an ATTENDEE for each person with an address."""
    cal = _calendar(method="CANCEL" if meeting.is_cancelled else "REQUEST")
    event = _event(meeting, _organizer())
    for person in attendees:
        if person.email:
            event.add("attendee", _attendee(person))
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def feed_ics(
    meetings: Iterable[Meeting], *, name: str, refresh: datetime.timedelta | None = None
) -> bytes:
    """Many meetings as a calendar (METHOD:PUBLISH); cancelled meetings stay in it with
    STATUS:CANCELLED so that subscribed calendars drop or mark them. A subscribed feed passes
    `refresh`, how often to fetch it again; a file sent once (a year's plan) does not."""
    cal = _calendar(method="PUBLISH", name=name, refresh=refresh)
    organizer = _organizer()
    for meeting in meetings:
        cal.add_component(_event(meeting, organizer))
    cal.add_missing_timezones()
    return cal.to_ical()


def ics_filename(meeting: Meeting) -> str:
    return f"mote-{meeting.local_start:%Y-%m-%d}-{meeting.pk}.ics"
