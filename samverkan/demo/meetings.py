"""Socialchefsnätverket's year of meetings, through the meetings services: ten meetings planned
before the year (no meeting in July), hosts alternating between the year's chairs, the same
agenda on each; for the meetings held so far the attendance (one municipality mostly absent, so
that P3 shows a warning) and approved minutes. The year-end items come with the plan (CO2, CO3,
CH2). Deterministic for a given day."""

import datetime
import random
from typing import Any

from django.utils import timezone

from samverkan.agreements.models import AgreementReview
from samverkan.demo import data, direct
from samverkan.demo.people import secretariat
from samverkan.meetings.attendance import record_attendance
from samverkan.meetings.models import STOCKHOLM, AgendaItem, Attendance, Meeting
from samverkan.meetings.planning import propose_year
from samverkan.meetings.services import (
    add_agenda_item,
    approve_minutes,
    plan_year,
    save_minutes,
    schedule_meeting,
)
from samverkan.networks.models import Membership, Network

SLUG = data.SOCIALCHEF_SLUG
TUESDAY = 1


def load(today: datetime.date, actor: Any = None) -> int:
    """Plan the year's meetings; returns how many (0 when the network is missing or already
    has meetings this year)."""
    network = Network.objects.filter(slug=SLUG).first()
    if network is None or Meeting.objects.filter(network=network).in_year(today.year).exists():
        return 0
    actor = actor or secretariat()
    rng = random.Random(today.year)
    # Planned in November the year before, as the planner proposes it: Tuesdays 9-12, the
    # agreement's ten meetings, hosts and places from the year's chairs.
    proposal = propose_year(
        network,
        year=today.year,
        weekday=TUESDAY,
        start_time=datetime.time(9),
        end_time=datetime.time(12),
        skip_months={7},
        count=10,
        today=datetime.date(today.year - 1, 11, 20),
    )
    meetings = plan_year(actor, network, year=today.year, meetings=proposal)
    members = list(
        Membership.objects.filter(network=network, role=Membership.Role.MEMBER)
        .select_related("person", "municipality")
        .order_by("person__name")
    )
    now = timezone.now()
    for meeting in meetings:
        for title in data.AGENDA:
            add_agenda_item(actor, meeting, title=title)
        if meeting.starts_at > now:
            continue
        for membership in members:
            record_attendance(
                actor, meeting, person=membership.person, status=_status(membership, rng)
            )
        _minutes(actor, meeting)
    return len(meetings)


def _status(membership: Membership, rng: random.Random) -> str:
    muni = membership.municipality.name if membership.municipality else ""
    roll = rng.random()
    if muni == data.ABSENT:
        return Attendance.Status.PRESENT if roll < 0.3 else Attendance.Status.ABSENT
    if roll < 0.85:
        return Attendance.Status.PRESENT
    return Attendance.Status.EXCUSED


def _minutes(actor: Any, meeting: Meeting) -> None:
    """Written by the secretary, approved a week later. Only the year's last meeting has the
    agreement's review on its agenda (CO2): held, its outcome is recorded with the minutes."""
    review = meeting.agenda_items.filter(kind=AgendaItem.Kind.AGREEMENT_REVIEW).first()
    if review is None:
        save_minutes(actor, meeting, text=data.MINUTES)
    else:
        save_minutes(
            actor,
            meeting,
            text=data.MINUTES,
            outcomes={review.pk: data.YEAR_END_REVIEW},
            review_outcome=AgreementReview.Outcome.UNCHANGED,
        )
    minutes = approve_minutes(actor, meeting)
    direct.approved_at(minutes, meeting.ends_at + datetime.timedelta(days=7))


# Issue 15 §4: the closed network's meetings, so that its archive package has meetings, agendas,
# minutes and attendance. Held in its last half-year, before it was closed.
CLOSED_AGENDA = [
    "Mötets öppnande och föregående protokoll",
    "Läget i införandet av e-arkivet, kommun för kommun",
    "Arkivredovisning och informationshanteringsplaner",
    "Övriga frågor",
]
CLOSED_MINUTES = (
    "Nätverket gick igenom läget i varje kommun. Protokollet justerades vid nästa möte."
)
CLOSED_MONTHS = (2, 3, 4, 5)


def closed_network_meetings(actor: Any, network: Network, year: int) -> list[Meeting]:
    """Four meetings of the spring before closing, each with its agenda, an attendance list of
    the members and approved minutes. Fixed days, no random draws: the rest of the demo's
    random choices stay as they were."""
    members = list(
        Membership.objects.filter(network=network, end_on__isnull=True)
        .select_related("person", "municipality")
        .order_by("person__name", "pk")
    )
    held = []
    for n, month in enumerate(CLOSED_MONTHS):
        starts = datetime.datetime(year, month, 12, 13, tzinfo=STOCKHOLM)
        meeting = schedule_meeting(
            actor,
            network,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            place="Stadshuset, Helsingborg",
        )
        for title in CLOSED_AGENDA:
            add_agenda_item(actor, meeting, title=title)
        for i, membership in enumerate(members):
            # Mostly present; one each time sends word (the i-th member by turn).
            status = (
                Attendance.Status.EXCUSED if i == n % len(members) else Attendance.Status.PRESENT
            )
            record_attendance(actor, meeting, person=membership.person, status=status)
        save_minutes(actor, meeting, text=CLOSED_MINUTES)
        minutes = approve_minutes(actor, meeting)
        direct.approved_at(minutes, meeting.ends_at + datetime.timedelta(days=14))
        held.append(meeting)
    return held
