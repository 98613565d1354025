"""The year planner: from a weekday, a time, months to skip and a number, the proposed dates
with hosts alternating between the year's chair municipalities (SPEC §4 Meetings, CH1, CH2).
Nothing here writes: the proposal is shown to be adjusted, then saved by services.plan_year."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.agreements.selectors import agreement_parameters, chair_municipalities
from samverkan.cooperation.models import Municipality
from samverkan.core.errors import ServiceError
from samverkan.meetings.models import STOCKHOLM, Meeting
from samverkan.networks.models import Network

# CH1 names "about ten meetings a year"; without an agreement the planner proposes the same.
DEFAULT_MEETINGS_PER_YEAR = 10


@dataclass
class ProposedMeeting:
    day: datetime.date
    start_time: datetime.time
    end_time: datetime.time
    host: Municipality | None
    place: str

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.day, self.start_time, tzinfo=STOCKHOLM)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.day, self.end_time, tzinfo=STOCKHOLM)


def default_count(network: Network, year: int) -> int:
    """The agreement's meetings_per_year (CH1), else ten."""
    params = agreement_parameters(network, on=datetime.date(year, 1, 1))
    return params.meetings_per_year or DEFAULT_MEETINGS_PER_YEAR


def default_place(host: Municipality | None, known: dict[int, str]) -> str:
    """The place the host used last time in this network, else its municipal hall."""
    if host is None:
        return ""
    return known.get(host.pk) or _("Kommunhuset, %(municipality)s") % {"municipality": host.name}


def known_places(network: Network) -> dict[int, str]:
    """Each host's latest place in this network, in one query."""
    places: dict[int, str] = {}
    rows = (
        Meeting.objects.filter(network=network, host__isnull=False)
        .exclude(place="")
        .order_by("-starts_at")
        .values_list("host_id", "place")
    )
    for host_id, place in rows[:200]:
        places.setdefault(host_id, place)
    return places


def candidate_days(
    year: int, weekday: int, skip_months: set[int], *, after: datetime.date | None
) -> list[datetime.date]:
    """Every `weekday` of the year outside the skipped months (and after `after`)."""
    day = datetime.date(year, 1, 1)
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
    out = []
    while day.year == year:
        if day.month not in skip_months and (after is None or day > after):
            out.append(day)
        day += datetime.timedelta(days=7)
    return out


def spread(days: list[datetime.date], count: int) -> list[datetime.date]:
    """`count` days evenly spread over the candidates, each centred in its share."""
    n = len(days)
    return [days[int((i + 0.5) * n / count)] for i in range(count)]


def propose_year(
    network: Network,
    *,
    year: int,
    weekday: int,
    start_time: datetime.time,
    end_time: datetime.time,
    skip_months: set[int] | frozenset[int] = frozenset(),
    count: int | None = None,
    today: datetime.date | None = None,
) -> list[ProposedMeeting]:
    """Proposed meetings for a year; raises ServiceError with a Swedish message for bad input."""
    if not 2000 <= year <= 2100:
        raise ServiceError(_("Ange ett år mellan 2000 och 2100."), field="year")
    if not 0 <= weekday <= 6:
        raise ServiceError(_("Välj en veckodag."), field="weekday")
    if end_time <= start_time:
        raise ServiceError(_("Mötet måste sluta efter att det börjar."), field="end_time")
    if count is None:
        count = default_count(network, year)
    if count < 1:
        raise ServiceError(_("Ange minst ett möte."), field="count")
    today = today or timezone.localdate()
    days = candidate_days(
        year, weekday, set(skip_months), after=today if year == today.year else None
    )
    if year < today.year:
        days = []
    if count > len(days):
        raise ServiceError(
            _(
                "Det går inte att planera %(count)s möten: med den veckodagen och de månaderna "
                "finns bara %(weeks)s veckor kvar av %(year)s. Minska antalet eller hoppa över "
                "färre månader."
            )
            % {"count": count, "weeks": len(days), "year": year},
            field="count",
        )
    hosts: list[Municipality | None] = list(chair_municipalities(network, year)) or [None]
    places = known_places(network)
    return [
        ProposedMeeting(
            day=day,
            start_time=start_time,
            end_time=end_time,
            host=hosts[i % len(hosts)],
            place=default_place(hosts[i % len(hosts)], places),
        )
        for i, day in enumerate(spread(days, count))
    ]
