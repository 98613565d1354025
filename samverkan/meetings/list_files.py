"""A network's meetings, a meeting's attendance and the year's attendance as files (SPEC §5
"Files", issue 14): the columns of the meetings pages, from the rows they show, for
files.tables. Dates are dates, counts numbers, yes/no a boolean."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from samverkan.meetings.models import Meeting
from samverkan.meetings.selectors import AttendanceRow

Table = tuple[list[str], list[list[Any]]]


def _state(meeting: Meeting, now: datetime.datetime) -> str:
    if meeting.is_cancelled:
        return _("Inställt")
    return _("Hållet") if meeting.starts_at < now else _("Planerat")


def meeting_table(meetings: Iterable[Meeting], *, now: datetime.datetime) -> Table:
    """templates/meetings/list.html: date, time, place, host, status, minutes, present (none
    for a cancelled meeting). Rows from selectors.meeting_list (minutes and counts joined)."""
    header = [
        _("Datum"),
        _("Tid"),
        _("Plats"),
        _("Värdkommun"),
        _("Status"),
        _("Protokoll"),
        _("Närvarande"),
    ]
    rows = []
    for m in meetings:
        minutes = getattr(m, "minutes", None)  # joined; a meeting without minutes has None
        rows.append(
            [
                m.local_start.date(),
                f"{m.local_start:%H:%M}–{m.local_end:%H:%M}",
                m.place,
                m.host.name if m.host else "",
                _state(m, now),
                minutes.get_state_display() if minutes else "",
                None if m.is_cancelled else getattr(m, "present_count", 0),
            ]
        )
    return header, rows


def attendance_table(meeting: Meeting) -> Table:
    """The attendance of templates/meetings/detail.html: who, for which municipality, how,
    and whether as a substitute. Rows from selectors.meeting_detail (prefetched)."""
    header = [_("Namn"), _("Kommun"), _("Närvaro"), _("Ersättare")]
    rows = [
        [
            a.person.name,
            a.municipality.name if a.municipality else "",
            a.get_status_display(),
            a.substitute,
        ]
        for a in meeting.attendances.all()
    ]
    return header, rows


def attendance_year_table(rows: Iterable[AttendanceRow], *, first: str) -> Table:
    """templates/meetings/_attendance_table.html (per municipality or per person), with the
    page's "Saknas ofta" badge (P3) as a yes/no column of its own; the share in per cent."""
    header = [
        first,
        _("Närvarande"),
        _("Anmält förhinder"),
        _("Frånvarande"),
        _("Av hållna möten"),
        _("Andel"),
        _("Saknas ofta"),
    ]
    out = [
        [r.label, r.present, r.excused, r.absent, r.held, r.share, r.mostly_absent] for r in rows
    ]
    return header, out
