"""The year planner and single meetings (issue 5, items 1 and 8; CH1, CH2)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from samverkan.core.errors import ServiceError
from samverkan.history.models import HistoryEntry
from samverkan.meetings import services
from samverkan.meetings.models import AgendaItem, Meeting
from samverkan.meetings.planning import propose_year
from samverkan.notifications.models import Notification
from tests.meetings.conftest import YEAR, at

TUESDAY = 1
NINE, TWELVE = datetime.time(9), datetime.time(12)
BEFORE = datetime.date(YEAR - 1, 11, 20)


def propose(network, **kw):
    args = dict(
        year=YEAR, weekday=TUESDAY, start_time=NINE, end_time=TWELVE, skip_months={7}, today=BEFORE
    )
    args.update(kw)
    return propose_year(network, **args)


def test_proposal_takes_the_agreement_number_and_alternates_chair_hosts_CH1_CH2(scn):
    proposal = propose(scn.network)
    assert len(proposal) == 10
    assert all(p.day.weekday() == TUESDAY and p.day.year == YEAR for p in proposal)
    assert not [p for p in proposal if p.day.month == 7]
    assert [p.host.name for p in proposal[:4]] == ["Bjuv", "Klippan", "Bjuv", "Klippan"]
    assert proposal[0].place == "Kommunhuset, Bjuv"
    days = [p.day for p in proposal]
    assert days == sorted(days) and len(set(days)) == 10
    # Spread over the year, not bunched at its start.
    assert days[0].month <= 2 and days[-1].month >= 11


def test_proposal_without_agreement_defaults_to_ten_without_hosts(cast):
    proposal = propose(cast.other_network)
    assert len(proposal) == 10
    assert {p.host for p in proposal} == {None}
    assert {p.place for p in proposal} == {""}


def test_proposal_reuses_the_hosts_last_place(scn):
    services.schedule_meeting(
        scn.user("secretary"),
        scn.network,
        starts_at=at(datetime.date(YEAR - 1, 12, 1), 9),
        ends_at=at(datetime.date(YEAR - 1, 12, 1), 12),
        place="Bjuvs kulturhus",
        host=scn.muni("Bjuv"),
    )
    proposal = propose(scn.network, count=3)
    assert proposal[0].place == "Bjuvs kulturhus"
    assert proposal[1].place == "Kommunhuset, Klippan"


def test_more_meetings_than_weeks_refused_in_swedish(scn):
    with pytest.raises(ServiceError) as exc:
        propose(scn.network, count=40, skip_months={6, 7, 8, 12})
    assert exc.value.field == "count"
    assert "Det går inte att planera 40 möten" in exc.value.message


def test_year_plan_ending_before_it_starts_refused(scn):
    with pytest.raises(ServiceError) as exc:
        propose(scn.network, start_time=TWELVE, end_time=NINE)
    assert exc.value.message == "Mötet måste sluta efter att det börjar."


def test_this_years_proposal_starts_after_today(scn):
    proposal = propose(scn.network, count=3, today=datetime.date(YEAR, 10, 1))
    assert all(p.day > datetime.date(YEAR, 10, 1) for p in proposal)


def test_plan_year_saves_all_adjusted_and_gives_the_last_meeting_its_items_CO2_CO3_CH2(scn):
    proposal = propose(scn.network)
    proposal[0].place = "Stadshuset"
    proposal[0].start_time = datetime.time(8, 30)
    assert Meeting.objects.count() == 0
    saved = services.plan_year(scn.user("secretary"), scn.network, year=YEAR, meetings=proposal)
    assert len(saved) == 10 == Meeting.objects.filter(network=scn.network).count()
    first = Meeting.objects.order_by("starts_at").first()
    assert first.place == "Stadshuset"
    assert first.local_start.time() == datetime.time(8, 30)
    assert first.starts_at.utcoffset() == datetime.timedelta(0)  # stored in UTC
    last = saved[-1]
    assert set(last.agenda_items.values_list("kind", flat=True)) == {
        "agreement_review",
        "business_plan",
        "chairs",
    }
    assert AgendaItem.objects.exclude(meeting=last).count() == 0
    assert HistoryEntry.objects.filter(verb="plan_year").count() >= 10
    notice = Notification.objects.get(kind="meetings_year_planned", recipient=scn.people["member"])
    assert notice.attachments[0]["filename"] == f"moten-{YEAR}.ics"


def test_plan_year_is_all_or_nothing(scn):
    proposal = propose(scn.network, count=3)
    proposal[2].end_time = datetime.time(8)
    with pytest.raises(ServiceError, match=r"Möte 3 \(.*\) måste sluta efter att det börjar"):
        services.plan_year(scn.user("secretary"), scn.network, year=YEAR, meetings=proposal)
    assert Meeting.objects.count() == 0


def test_member_may_not_plan_meetings(scn):
    with pytest.raises(PermissionDenied):
        services.plan_year(
            scn.user("member"), scn.network, year=YEAR, meetings=propose(scn.network, count=2)
        )


def test_year_end_items_follow_a_later_meeting_and_a_cancellation_CO2(scn):
    secretary = scn.user("secretary")
    saved = services.plan_year(
        secretary, scn.network, year=YEAR, meetings=propose(scn.network, count=3)
    )
    last = saved[-1]
    extra = services.schedule_meeting(
        secretary,
        scn.network,
        starts_at=at(datetime.date(YEAR, 12, 20), 9),
        ends_at=at(datetime.date(YEAR, 12, 20), 11),
    )
    assert extra.agenda_items.filter(kind="agreement_review").exists()
    assert not last.agenda_items.exists()
    services.cancel_meeting(secretary, extra, reason="Sjukdom")
    assert last.agenda_items.filter(kind="agreement_review").exists()
    assert AgendaItem.objects.filter(kind="agreement_review").count() == 1


def test_single_meeting_ending_before_start_refused_nothing_written(scn):
    day = datetime.date(YEAR, 3, 2)
    with pytest.raises(ServiceError) as exc:
        services.schedule_meeting(
            scn.user("secretary"), scn.network, starts_at=at(day, 12), ends_at=at(day, 9)
        )
    assert exc.value.message == "Mötet måste sluta efter att det börjar."
    assert Meeting.objects.count() == 0


def test_move_raises_sequence_and_cancel_keeps_the_meeting_visible(scn):
    secretary = scn.user("secretary")
    day = datetime.date(YEAR, 3, 2)
    meeting = services.schedule_meeting(
        secretary, scn.network, starts_at=at(day, 9), ends_at=at(day, 12), place="A"
    )
    assert meeting.sequence == 0
    moved = services.move_meeting(secretary, meeting, starts_at=at(day, 10), ends_at=at(day, 13))
    assert moved.sequence == 1 and moved.place == "A"
    same = services.move_meeting(secretary, moved, starts_at=at(day, 10), ends_at=at(day, 13))
    assert same.sequence == 1  # nothing changed, nothing raised
    cancelled = services.cancel_meeting(secretary, moved, reason="Krockar med budget")
    assert cancelled.status == Meeting.Status.CANCELLED and cancelled.sequence == 2
    assert Meeting.objects.filter(pk=meeting.pk, status="cancelled").exists()
    assert moved.uid == cancelled.uid
    kinds = set(
        Notification.objects.filter(recipient=scn.people["member"]).values_list("kind", flat=True)
    )
    assert kinds == {"meeting_invitation", "meeting_changed", "meeting_cancelled"}
    with pytest.raises(ServiceError, match="inställt och kan inte flyttas"):
        services.move_meeting(secretary, cancelled, starts_at=at(day, 9), ends_at=at(day, 10))


def test_invitation_in_each_recipients_language(scn):
    user = scn.user("member")
    user.language = "en"
    user.save(update_fields=["language"])
    day = datetime.date(YEAR, 3, 2)
    services.schedule_meeting(
        scn.user("secretary"), scn.network, starts_at=at(day, 9), ends_at=at(day, 12)
    )
    english = Notification.objects.get(kind="meeting_invitation", recipient=scn.people["member"])
    swedish = Notification.objects.get(
        kind="meeting_invitation", recipient=scn.people["coordinator"]
    )
    assert english.subject.startswith("Invitation: ")
    assert swedish.subject.startswith("Kallelse: ")
