"""The meetings' panels: P3 attendance on the municipality page; the next meetings and the
personal calendar feed on Min sida."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Municipality
from samverkan.core.plugins import Table, section, section_table
from samverkan.meetings.feeds import live_feed
from samverkan.meetings.models import Meeting, Minutes
from samverkan.meetings.selectors import municipality_attendance, next_meetings_for
from samverkan.networks.access import can_read_internal
from samverkan.networks.models import Membership, Network
from samverkan.networks.nav import NavLink
from samverkan.people.duties import Duty
from samverkan.people.models import Person


@section("municipality", "meetings.attendance", "meetings/_municipality_section.html", order=40)
def _attendance(
    request: HttpRequest, municipality: Municipality, today: datetime.date
) -> dict[str, Any] | None:
    if not getattr(request.user, "is_authenticated", False):
        return None
    return {
        "municipality": municipality,
        "year": today.year,
        "rows": municipality_attendance(municipality, today.year),
    }


@section_table("municipality", "narvaro")
def attendance_table(
    request: HttpRequest, municipality: Municipality, today: datetime.date
) -> Table | None:
    """P3 as a file: the columns of the section, the share as a number of per cent."""
    s = _attendance(request, municipality, today)
    if s is None:
        return None
    header = [
        _("Nätverk"),
        _("Närvarande"),
        _("Anmält förhinder"),
        _("Frånvarande"),
        _("Av hållna möten"),
        _("Andel (%)"),
        _("Saknas ofta"),
    ]
    rows: list[list[Any]] = [
        [
            r.network.name,
            r.row.present,
            r.row.excused,
            r.row.absent,
            r.row.held,
            r.row.share,
            r.row.mostly_absent,
        ]
        for r in s["rows"]
    ]
    name = f"{municipality.slug}-narvaro-{s['year']}"
    return Table(name, _("Närvaro %(year)s") % {"year": s["year"]}, header, rows)


@section("my_page", "meetings.next", "meetings/_my_meetings.html", order=10)
def my_next_meetings(request: HttpRequest, person: Person, today: datetime.date) -> dict[str, Any]:
    return {"meetings": next_meetings_for(person, now=timezone.now())}


@section("my_page.aside", "meetings.feed", "meetings/_my_feed.html", order=20)
def my_calendar_feed(request: HttpRequest, person: Person, today: datetime.date) -> dict[str, Any]:
    return {"feed": live_feed(person=person), "today": today}


@section("network.links", "meetings.links", "meetings/_network_link.html", order=10)
def network_meetings_link(
    request: HttpRequest, network: Network, today: datetime.date
) -> dict[str, Any] | None:
    """The way from a network's page to its meetings, for those who may read them."""
    if not can_read_internal(request.user, network):
        return None
    slug = network.slug
    nav = [  # Issue 16 part C: the network page's grouped navigation (networks/nav.py)
        NavLink(
            "work",
            _("Möten, dagordningar och protokoll"),
            reverse("meetings:list", args=[slug]),
            10,
        ),
        NavLink("work", _("Närvaro"), reverse("meetings:statistics", args=[slug]), 20),
    ]
    return {"network": network, "nav": nav}


# --- Issue 16 part C: Mina uppgifter (people/duties.py) ---
# Minutes are approved (justeras) within two weeks of the meeting, the custom the duty's due
# date follows; a meeting more than a year back no longer shows here.
MINUTES_DUE_DAYS = 14


@section("my_page.duties", "meetings.minutes", "", order=30)
def my_minutes_to_approve(
    request: HttpRequest, person: Person, today: datetime.date
) -> dict[str, Any]:
    now = timezone.now()
    kept = Membership.objects.on(today).filter(
        person=person, role__in=[Membership.Role.COORDINATOR, Membership.Role.SECRETARY]
    )
    meetings = (
        Meeting.objects.filter(
            network__in=kept.values("network"),
            status=Meeting.Status.PLANNED,
            starts_at__lt=now,
            starts_at__gte=now - datetime.timedelta(days=365),
        )
        .exclude(minutes__state=Minutes.State.APPROVED)
        .select_related("network")
        .order_by("starts_at")
    )
    duties = []
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        text = _("Justera protokollet från mötet %(day)s") % {"day": day.isoformat()}
        url = reverse("meetings:detail", args=[meeting.network.slug, meeting.pk])
        duties.append(
            Duty(text, url, day + datetime.timedelta(days=MINUTES_DUE_DAYS), meeting.network.name)
        )
    return {"duties": duties}
