"""Notices about meetings, each with the iCalendar file attached (issue 5, item 4).

Keys name the event and the meeting's SEQUENCE, so a service that runs twice tells nobody
twice, while a second move of the same meeting is a new notice."""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.meetings.calendar import feed_ics, ics_filename, invitation_ics
from samverkan.meetings.models import Meeting
from samverkan.networks.models import Membership, Network
from samverkan.notifications.services import attachment, notify_in_their_language
from samverkan.people.models import Person

ICS = "text/calendar"


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def recipients(network: Network) -> list[Person]:
    """Everybody who holds a role in the network today, once each."""
    ids = (
        Membership.objects.on(timezone.localdate())
        .filter(network=network)
        .values_list("person_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=ids, anonymised_on__isnull=True))


def _when(meeting: Meeting) -> str:
    return f"{meeting.local_start:%Y-%m-%d %H:%M}-{meeting.local_end:%H:%M}"


def _send(meeting: Meeting, *, kind: str, render: Callable[[], tuple[str, str]]) -> None:
    people = recipients(meeting.network)
    # The e-mailed invitation is an iTIP REQUEST (or CANCEL) naming everybody it goes to.
    ics = attachment(ics_filename(meeting), invitation_ics(meeting, people), ICS)
    notify_in_their_language(
        people,
        render=render,
        kind=kind,
        key=f"meeting:{meeting.uid}:{meeting.sequence}",
        network=meeting.network,
        about=meeting,
        attachments=[ics],
    )


def _place(meeting: Meeting) -> str:
    return meeting.place or _("plats meddelas senare")


def _values(meeting: Meeting, **more: str) -> dict[str, str]:
    """What every notice of one meeting fills in. Called inside `render`, so that the title and
    place a meeting has not named are worded in the recipient's language."""
    return {
        "title": meeting.display_title,
        "when": _when(meeting),
        "network": meeting.network.name,
        **more,
    }


def meeting_planned(meeting: Meeting) -> None:
    def render() -> tuple[str, str]:
        values = _values(meeting, place=_place(meeting))
        return (
            _("Kallelse: %(title)s %(when)s") % values,
            _("%(network)s möts %(when)s, %(place)s. Kalenderfilen är bifogad.") % values,
        )

    _send(meeting, kind="meeting_invitation", render=render)


def meeting_moved(meeting: Meeting) -> None:
    def render() -> tuple[str, str]:
        values = _values(meeting, place=_place(meeting))
        return (
            _("Ändrat möte: %(title)s %(when)s") % values,
            _(
                "Mötet i %(network)s är flyttat till %(when)s, %(place)s. Den bifogade "
                "kalenderfilen uppdaterar mötet i din kalender."
            )
            % values,
        )

    _send(meeting, kind="meeting_changed", render=render)


def meeting_cancelled(meeting: Meeting) -> None:
    def render() -> tuple[str, str]:
        reason = f" {meeting.cancel_reason}" if meeting.cancel_reason else ""
        values = _values(meeting, reason=reason)
        return (
            _("Inställt möte: %(title)s %(when)s") % values,
            _(
                "Mötet i %(network)s %(when)s är inställt.%(reason)s Den bifogade kalenderfilen "
                "tar bort mötet ur din kalender."
            )
            % values,
        )

    _send(meeting, kind="meeting_cancelled", render=render)


def year_planned(network: Network, year: int, meetings: list[Meeting]) -> None:
    """One notice for a whole planned year, with every meeting in one calendar file."""
    if not meetings:
        return
    lines = "\n".join(f"- {_when(m)}, {m.place}" for m in meetings)

    def render() -> tuple[str, str]:
        return (
            _("Mötesplan %(year)s för %(network)s") % {"year": year, "network": network.name},
            _("Årets möten är planerade:\n%(lines)s\n\nKalenderfilen med alla möten är bifogad.")
            % {"lines": lines},
        )

    notify_in_their_language(
        recipients(network),
        render=render,
        kind="meetings_year_planned",
        key=f"meetings-year:{network.pk}:{year}:{meetings[0].uid}",
        network=network,
        attachments=[
            attachment(
                f"moten-{year}.ics",
                feed_ics(meetings, name=f"{network.name} {year}"),
                ICS,
            )
        ],
    )


# ---- a new member's welcome (issue 16, point 5) -------------------------------------------------

WELCOME_RECENT_DAYS = 30  # a role that began longer ago is a record of the past, not a newcomer


def member_welcome(membership: Membership, today: datetime.date) -> None:
    """A person newly added to a network is welcomed, with the network's page and where to
    subscribe to its meetings in their calendar (the feed's secret address is made there, by
    them, and shown once). Nobody is welcomed twice to the same role (the key names the
    membership), nor when they already held another role in the network, nor for a role that
    began more than 30 days ago (a register import of earlier years)."""
    if membership.start_on < today - datetime.timedelta(days=WELCOME_RECENT_DAYS):
        return
    network = membership.network
    person = membership.person
    if person.anonymised_on is not None or network.status == Network.Status.CLOSED:
        return
    already = (
        Membership.objects.filter(network=network, person=person)
        .exclude(pk=membership.pk)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=membership.start_on))
        .filter(start_on__lte=membership.start_on)
        .exists()
    )
    if already:
        return
    page = _absolute(network.get_absolute_url())
    calendar = _absolute(reverse("meetings:list", kwargs={"slug": network.slug}))

    def render() -> tuple[str, str]:
        values = {
            "network": network.name,
            "role": membership.get_role_display().lower(),
            "page": page,
            "calendar": calendar,
            "day": membership.start_on.isoformat(),
        }
        return (
            _("Välkommen till %(network)s") % values,
            _(
                "Du är med i %(network)s som %(role)s från %(day)s.\n\n"
                "Nätverkets sida, med årsplan, medlemmar och material: %(page)s\n\n"
                "Nätverkets möten i din kalender (Outlook): gör din egen adress till "
                "kalenderflödet på mötessidan, %(calendar)s"
            )
            % values,
        )

    notify_in_their_language(
        [person],
        render=render,
        kind="member_welcome",
        key=f"welcome:{membership.pk}",
        network=network,
    )
