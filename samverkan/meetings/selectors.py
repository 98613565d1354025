"""Reads of meetings for pages, the API, compliance and other apps; each owns its eager
loading so that a page costs the same few queries for 10 or 500 meetings (STYLE habit 6)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from samverkan.cooperation.models import Municipality
from samverkan.meetings.models import Attendance, Meeting
from samverkan.networks.models import Membership, Network, Participation
from samverkan.people.models import Person


def meeting_list(network: Network, *, year: int | None = None) -> QuerySet[Meeting]:
    """A network's meetings (of a year), with host, minutes and attendance counts joined."""
    qs = Meeting.objects.filter(network=network)
    if year is not None:
        qs = qs.in_year(year)
    return (
        qs.select_related("host", "minutes", "network")
        .annotate(
            present_count=Count(
                "attendances", filter=Q(attendances__status="present"), distinct=True
            ),
            agenda_count=Count("agenda_items", distinct=True),
        )
        .order_by("starts_at")
    )


def meeting_years(network: Network) -> list[int]:
    """The years the network has meetings in, and this year and next."""
    this_year = timezone.localdate().year
    dates = Meeting.objects.filter(network=network).dates("starts_at", "year")
    return sorted({d.year for d in dates} | {this_year, this_year + 1}, reverse=True)


def meeting_detail(meeting_id: int, network: Network) -> Meeting:
    return (
        Meeting.objects.filter(network=network)
        .select_related("host", "minutes", "minutes__approved_by", "network")
        .prefetch_related(
            "agenda_items",
            "attachments",
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person", "municipality").order_by(
                    "person__name"
                ),
            ),
        )
        .get(pk=meeting_id)
    )


def members_on(network: Network, day: datetime.date) -> list[Person]:
    """The people in the network on a day, once each, by name (the attendance list)."""
    ids = Membership.objects.on(day).filter(network=network).values("person_id")
    return list(
        Person.objects.filter(pk__in=ids, anonymised_on__isnull=True)
        .select_related("municipality")
        .order_by("name")
    )


# ---- attendance statistics (P3) ------------------------------------------------------------


@dataclass
class AttendanceRow:
    label: str
    present: int = 0
    absent: int = 0
    excused: int = 0
    held: int = 0
    key: int = 0

    @property
    def missed(self) -> int:
        """Held meetings the municipality (or person) was not present at."""
        return self.held - self.present

    @property
    def share(self) -> int:
        return round(100 * self.present / self.held) if self.held else 0

    @property
    def mostly_absent(self) -> bool:
        """P3: absent from more than half of the year's held meetings."""
        return self.held > 0 and self.missed * 2 > self.held


@dataclass
class AttendanceStats:
    year: int
    held: int
    municipalities: list[AttendanceRow] = field(default_factory=list)
    people: list[AttendanceRow] = field(default_factory=list)


def held_meetings(network_ids: list[int], year: int, now: datetime.datetime) -> QuerySet[Meeting]:
    """Meetings of the year that were not cancelled and have started by `now`."""
    return (
        Meeting.objects.in_year(year)
        .planned()
        .filter(network_id__in=network_ids, starts_at__lte=now)
    )


def attendance_stats(
    network: Network, year: int, *, now: datetime.datetime | None = None
) -> AttendanceStats:
    """Per participating municipality and per person: present, absent, excused of the year's
    held meetings (P3). A municipality is present at a meeting where anyone for it is. Four
    queries whatever the number of meetings."""
    now = now or timezone.now()
    meetings = list(held_meetings([network.pk], year, now).values_list("pk", flat=True))
    held = len(meetings)
    day = min(now.date(), datetime.date(year, 12, 31))
    participations = (
        Participation.objects.filter(network=network, joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=datetime.date(year, 1, 1)))
        .select_related("municipality")
        .order_by("municipality__name")
    )
    munis = {
        p.municipality_id: AttendanceRow(p.municipality.name, held=held, key=p.municipality_id)
        for p in participations
    }
    people: dict[int, AttendanceRow] = {}
    seen: dict[tuple[int, int], set[str]] = defaultdict(set)
    rows = Attendance.objects.filter(meeting_id__in=meetings).select_related("person")
    for a in rows.order_by("person__name"):
        person = people.setdefault(
            a.person_id, AttendanceRow(a.person.name, held=held, key=a.person_id)
        )
        setattr(person, a.status, getattr(person, a.status) + 1)
        if a.municipality_id is not None:
            seen[(a.municipality_id, a.meeting_id)].add(a.status)
    for (muni_id, _meeting_id), statuses in seen.items():
        row = munis.get(muni_id)
        if row is None:
            continue
        for status in ("present", "excused", "absent"):  # best status per meeting counts
            if status in statuses:
                setattr(row, status, getattr(row, status) + 1)
                break
    return AttendanceStats(
        year=year, held=held, municipalities=list(munis.values()), people=list(people.values())
    )


@dataclass
class MunicipalityAttendance:
    network: Network
    row: AttendanceRow


def municipality_attendance(
    municipality: Municipality, year: int, *, now: datetime.datetime | None = None
) -> list[MunicipalityAttendance]:
    """P3 on the municipality's page: its attendance in each network it takes part in, in
    three queries whatever the number of networks."""
    now = now or timezone.now()
    day = min(now.date(), datetime.date(year, 12, 31))
    networks = list(
        Network.objects.filter(
            pk__in=Participation.objects.on(day)
            .filter(municipality=municipality)
            .values("network_id")
        ).order_by("name")
    )
    ids = [n.pk for n in networks]
    held: dict[int, int] = defaultdict(int)
    for network_id, n in (
        held_meetings(ids, year, now)
        .values("network_id")
        .annotate(n=Count("pk"))
        .values_list("network_id", "n")
    ):
        held[network_id] = n
    best: dict[tuple[int, int], set[str]] = defaultdict(set)
    for network_id, meeting_id, status in Attendance.objects.filter(
        meeting__in=held_meetings(ids, year, now), municipality=municipality
    ).values_list("meeting__network_id", "meeting_id", "status"):
        best[(network_id, meeting_id)].add(status)
    out = []
    for network in networks:
        row = AttendanceRow(network.name, held=held[network.pk], key=network.pk)
        for (network_id, _m), statuses in best.items():
            if network_id != network.pk:
                continue
            for status in ("present", "excused", "absent"):
                if status in statuses:
                    setattr(row, status, getattr(row, status) + 1)
                    break
        out.append(MunicipalityAttendance(network=network, row=row))
    return out


# ---- my page -------------------------------------------------------------------------------


def next_meetings_for(person: Person, *, now: datetime.datetime, limit: int = 5) -> list[Meeting]:
    ids = Membership.objects.on(now.date()).filter(person=person).values("network_id")
    return list(
        Meeting.objects.filter(network_id__in=ids, ends_at__gte=now)
        .select_related("network", "host")
        .order_by("starts_at")[:limit]
    )


def person_feed_meetings(person: Person, *, now: datetime.datetime) -> QuerySet[Meeting]:
    """A person's feed: the meetings of the networks they are in, from a year back."""
    ids = Membership.objects.on(now.date()).filter(person=person).values("network_id")
    return (
        Meeting.objects.filter(network_id__in=ids, starts_at__gte=now - datetime.timedelta(365))
        .select_related("network", "host")
        .prefetch_related("agenda_items")
        .order_by("starts_at")
    )


def network_feed_meetings(network: Network, *, now: datetime.datetime) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(network=network, starts_at__gte=now - datetime.timedelta(365))
        .select_related("network", "host")
        .prefetch_related("agenda_items")
        .order_by("starts_at")
    )
