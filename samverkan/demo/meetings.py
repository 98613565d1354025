"""Demo meetings: a year for Socialchefsnätverket (ten meetings, no meeting in July), hosts
alternating between the year's chairs, attendance for the meetings held so far (one
municipality mostly absent, so that P3 shows a warning), approved minutes for the held ones
and the year-end items on the last meeting. Called by cooperation/demo.py inside its
transaction; deterministic for a given day."""

import datetime
import random

from django.utils import timezone

from samverkan.agreements.selectors import chair_municipalities
from samverkan.cooperation.models import Municipality
from samverkan.meetings.models import STOCKHOLM, AgendaItem, Attendance, Meeting, Minutes
from samverkan.meetings.planning import candidate_days, spread
from samverkan.meetings.services import sync_year_end_items
from samverkan.networks.models import Membership, Network

SLUG = "socialchefsnatverket"
AGENDA = [
    "Föregående protokoll",
    "Läget i kommunerna",
    "Aktuella frågor från Region Skåne",
    "Frågeområden i verksamhetsplanen",
    "Övriga frågor",
]
# The demo's "mostly absent" municipality for P3.
ABSENT = "Perstorp"


def load(today: datetime.date) -> int:
    """Create the year's meetings; returns how many (0 when the network is missing or already
    has meetings this year)."""
    network = Network.objects.filter(slug=SLUG).first()
    if network is None or Meeting.objects.filter(network=network).in_year(today.year).exists():
        return 0
    rng = random.Random(today.year)
    hosts: list[Municipality | None] = list(chair_municipalities(network, today.year)) or list(
        Municipality.objects.filter(name__in=["Helsingborg", "Landskrona"]).order_by("name")
    )
    days = spread(candidate_days(today.year, 1, {7}, after=None), 10)  # Tuesdays
    members = list(
        Membership.objects.filter(network=network, role=Membership.Role.MEMBER)
        .select_related("person", "municipality")
        .order_by("person__name")
    )
    secretary = (
        Membership.objects.filter(network=network, role=Membership.Role.SECRETARY)
        .select_related("person")
        .first()
    )
    now = timezone.now()
    for i, day in enumerate(days):
        host = hosts[i % len(hosts)] if hosts else None
        meeting = Meeting.objects.create(
            network=network,
            starts_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=STOCKHOLM),
            ends_at=datetime.datetime.combine(day, datetime.time(12), tzinfo=STOCKHOLM),
            host=host,
            place=f"Kommunhuset, {host.name}" if host else "",
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, order=n, title=title)
            for n, title in enumerate(AGENDA, start=1)
        )
        if meeting.starts_at > now:
            continue
        _attendance(meeting, members, rng)
        Minutes.objects.create(
            meeting=meeting,
            text="Mötet öppnades av ordföranden. Kommunerna berättade om läget.",
            state=Minutes.State.APPROVED,
            approved_by=secretary.person if secretary else None,
            approved_at=meeting.ends_at + datetime.timedelta(days=7),
        )
    sync_year_end_items(network, today.year)
    return len(days)


def _attendance(meeting: Meeting, members: list[Membership], rng: random.Random) -> None:
    rows = []
    for m in members:
        muni = m.municipality.name if m.municipality else ""
        roll = rng.random()
        if muni == ABSENT:
            status = Attendance.Status.PRESENT if roll < 0.3 else Attendance.Status.ABSENT
        elif roll < 0.85:
            status = Attendance.Status.PRESENT
        else:
            status = Attendance.Status.EXCUSED
        rows.append(
            Attendance(meeting=meeting, person=m.person, municipality=m.municipality, status=status)
        )
    Attendance.objects.bulk_create(rows)
