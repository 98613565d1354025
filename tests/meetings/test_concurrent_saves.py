"""Minutes, agenda items, attendance and calendar feeds written by several people at the same
moment (issue 18 §2), on SQLite (IMMEDIATE transactions) and PostgreSQL alike: every write
either lands or ends in the conflict message; none is a 500 ("database is locked",
IntegrityError)."""

import datetime

import pytest
from django.utils import timezone

from samverkan.core.errors import ConflictError
from samverkan.meetings.attendance import record_attendance
from samverkan.meetings.feeds import create_feed
from samverkan.meetings.models import AgendaItem, Attendance, CalendarFeed, Minutes
from samverkan.meetings.services import add_agenda_item, save_minutes, schedule_meeting
from tests.cast import Cast, build_cast
from tests.concurrency import RacingDatabase, errors_of, racing_database

MINUTES_CONFLICT = "Någon annan har sparat protokollet medan du skrev."
CONFLICT = "Någon annan har sparat samma uppgifter samtidigt som du."


@pytest.fixture
def racing(transactional_db, tmp_path):
    with racing_database(tmp_path) as database:
        yield database


@pytest.fixture
def team(racing: RacingDatabase) -> Cast:
    return build_cast()


@pytest.fixture
def meeting(team):
    start = timezone.make_aware(datetime.datetime(2030, 3, 4, 9, 0))
    return schedule_meeting(
        team.user("coordinator"),
        team.network,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )


def _two_editors_of_the_minutes_at_once_one_saved_one_conflict(racing, team, meeting):
    """The first save of new minutes also races get_or_create on the meeting's one row."""
    outcomes = racing.race(
        *[
            lambda who=who: save_minutes(
                team.user(who), meeting, text=f"Protokoll av {who}", expected_version=1
            )
            for who in ("coordinator", "secretary")
        ]
    )
    errors = errors_of(outcomes)
    assert len(errors) == 1 and isinstance(errors[0], ConflictError), errors
    assert MINUTES_CONFLICT in errors[0].message
    minutes = Minutes.objects.get(meeting=meeting)
    assert (minutes.version, minutes.text) == (2, next(o.result.text for o in outcomes if o.ok))


def _concurrent_agenda_items_are_all_saved(racing, team, meeting):
    """Issue 18: 45 of 200 concurrent agenda-item writes failed on SQLite before IMMEDIATE."""
    per_writer = 5
    writers = ("coordinator", "secretary", "secretariat", "coordinator")

    def write(who: str, n: int) -> None:
        for i in range(per_writer):
            add_agenda_item(team.user(who), meeting, title=f"Punkt {n}.{i}")

    outcomes = racing.race(*[lambda w=w, n=n: write(w, n) for n, w in enumerate(writers)])
    assert errors_of(outcomes) == []
    titles = set(
        AgendaItem.objects.filter(meeting=meeting, kind="").values_list("title", flat=True)
    )
    assert len(titles) == per_writer * len(writers)


def _first_attendance_registered_twice_at_once_ends_in_one_row(racing, team, meeting):
    """attendance_one_per_person_and_meeting: the member and the secretary register the member
    at the same moment; on PostgreSQL both find no row and insert."""
    member = team.people["member"]
    undo = racing.meet_before(Attendance, "save")
    try:
        outcomes = racing.race(
            *[
                lambda who=who: record_attendance(
                    team.user(who), meeting, person=member, status=Attendance.Status.PRESENT
                )
                for who in ("member", "secretary")
            ]
        )
    finally:
        undo()
    for error in errors_of(outcomes):
        assert isinstance(error, ConflictError) and CONFLICT in error.message, repr(error)
    assert Attendance.objects.filter(meeting=meeting, person=member).count() == 1


def _a_calendar_address_asked_for_twice_at_once_stays_one_live_feed(racing, team):
    """calendar_feed_one_live_per_network_and_person: a double click on "Skapa adress"."""
    undo = racing.meet_before(CalendarFeed.objects, "create")
    try:
        outcomes = racing.race(
            *[lambda: create_feed(team.user("member"), network=team.network) for _ in range(2)]
        )
    finally:
        undo()
    for error in errors_of(outcomes):
        assert isinstance(error, ConflictError) and CONFLICT in error.message, repr(error)
    live = CalendarFeed.objects.filter(
        person=team.people["member"], network=team.network, revoked_at__isnull=True
    )
    assert live.count() == 1


def test_concurrent_meeting_writes_each_land_or_end_in_the_conflict(racing, team, meeting):
    """One test for the four races: each transactional test costs a flush of every table
    (seconds on PostgreSQL), the races themselves a fraction of that."""
    _two_editors_of_the_minutes_at_once_one_saved_one_conflict(racing, team, meeting)
    _concurrent_agenda_items_are_all_saved(racing, team, meeting)
    _first_attendance_registered_twice_at_once_ends_in_one_row(racing, team, meeting)
    _a_calendar_address_asked_for_twice_at_once_stays_one_live_feed(racing, team)
