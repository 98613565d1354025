"""Agenda and minutes: order, draft → approved by whom and when, and the year's last meeting
recording the agreement review (issue 5, item 2; CO2, CO3, CH2)."""

import datetime

import pytest

from samverkan.agreements.models import AgreementReview
from samverkan.core.errors import ConflictError, RuleViolation, ServiceError
from samverkan.history.models import HistoryEntry
from samverkan.meetings import services
from samverkan.meetings.models import Minutes
from tests.meetings.conftest import at

DAY = datetime.date(2026, 12, 8)


@pytest.fixture
def last_meeting(scn):
    return services.schedule_meeting(
        scn.user("secretary"), scn.network, starts_at=at(DAY, 9), ends_at=at(DAY, 12)
    )


def test_last_meeting_gets_review_plan_and_chair_items_CO2_CO3_CH2(last_meeting):
    kinds = list(last_meeting.agenda_items.values_list("kind", flat=True))
    assert kinds == ["agreement_review", "business_plan", "chairs"]


def test_no_items_where_the_agreement_asks_none_CO2(cast):
    meeting = services.schedule_meeting(
        cast.user("outsider"), cast.other_network, starts_at=at(DAY, 9), ends_at=at(DAY, 12)
    )
    assert not meeting.agenda_items.exists()


def test_agenda_order_add_move_remove(scn, last_meeting):
    secretary = scn.user("secretary")
    item = services.add_agenda_item(secretary, last_meeting, title="Inledning")
    services.move_agenda_item(secretary, item, up=True)
    services.move_agenda_item(secretary, item, up=True)
    services.move_agenda_item(secretary, item, up=True)
    titles = list(last_meeting.agenda_items.values_list("title", flat=True))
    assert titles[0] == "Inledning" and len(titles) == 4
    services.remove_agenda_item(secretary, item)
    assert last_meeting.agenda_items.count() == 3


def test_required_item_cannot_be_removed_CO2(scn, last_meeting):
    review = last_meeting.agenda_items.get(kind="agreement_review")
    with pytest.raises(RuleViolation) as exc:
        services.remove_agenda_item(scn.user("secretary"), review)
    assert exc.value.rule_id == "CO2"


def test_approved_minutes_record_the_review_CO2(scn, last_meeting, after_the_meetings):
    coordinator = scn.user("coordinator")
    review = last_meeting.agenda_items.get(kind="agreement_review")
    minutes = services.save_minutes(
        coordinator,
        last_meeting,
        text="Mötet öppnades.",
        outcomes={review.pk: "Överenskommelsen gäller oförändrad."},
        review_outcome="confirmed_unchanged",
    )
    assert minutes.state == "draft" and not AgreementReview.objects.exists()
    approved = services.approve_minutes(coordinator, last_meeting, expected_version=minutes.version)
    assert approved.state == Minutes.State.APPROVED
    assert approved.approved_by == scn.people["coordinator"] and approved.approved_at
    record = AgreementReview.objects.get(network=scn.network, year=2026)
    assert (record.outcome, record.held_on, record.meeting_id) == (
        "confirmed_unchanged",
        DAY,
        last_meeting.pk,
    )
    assert record.note == "Överenskommelsen gäller oförändrad."
    assert HistoryEntry.objects.filter(verb="approve_minutes").exists()
    with pytest.raises(ServiceError, match="justerat"):
        services.save_minutes(coordinator, last_meeting, text="Ändrat")


def test_approval_without_review_outcome_refused_CO2(scn, last_meeting, after_the_meetings):
    services.save_minutes(scn.user("coordinator"), last_meeting, text="Anteckningar")
    with pytest.raises(RuleViolation) as exc:
        services.approve_minutes(scn.user("coordinator"), last_meeting)
    assert exc.value.rule_id == "CO2"
    assert Minutes.objects.get(meeting=last_meeting).state == "draft"


def test_secretary_approves_ordinary_minutes(scn, last_meeting):
    day = datetime.date(2026, 5, 5)
    meeting = services.schedule_meeting(
        scn.user("secretary"), scn.network, starts_at=at(day, 9), ends_at=at(day, 12)
    )
    services.save_minutes(scn.user("secretary"), meeting, text="Protokoll")
    assert not meeting.agenda_items.exists()
    minutes = services.approve_minutes(scn.user("secretary"), meeting)
    assert minutes.approved_by == scn.people["secretary"]


def test_stale_minutes_save_is_a_conflict(scn, last_meeting):
    first = services.save_minutes(scn.user("secretary"), last_meeting, text="A")
    services.save_minutes(
        scn.user("secretary"), last_meeting, text="B", expected_version=first.version
    )
    with pytest.raises(ConflictError, match="Någon annan har sparat protokollet"):
        services.save_minutes(
            scn.user("secretary"), last_meeting, text="C", expected_version=first.version
        )
    assert Minutes.objects.get(meeting=last_meeting).text == "B"


def test_empty_minutes_cannot_be_approved(scn, last_meeting):
    with pytest.raises(ServiceError, match="Skriv protokollet innan det justeras"):
        services.approve_minutes(scn.user("secretary"), last_meeting)


def test_secretary_approves_year_end_minutes_with_the_review_CO2(
    scn, last_meeting, after_the_meetings
):
    secretary = scn.user("secretary")
    review = last_meeting.agenda_items.get(kind="agreement_review")
    minutes = services.save_minutes(
        secretary,
        last_meeting,
        text="Mötet öppnades.",
        outcomes={review.pk: "Utvärderad, inga ändringar behövs."},
        review_outcome="evaluated",
    )
    services.approve_minutes(secretary, last_meeting, expected_version=minutes.version)
    record = AgreementReview.objects.get(network=scn.network, year=2026)
    assert (record.outcome, record.meeting_id) == ("evaluated", last_meeting.pk)


def test_secretary_cannot_record_a_review_outside_the_minutes_CO2(scn):
    from django.core.exceptions import PermissionDenied

    from samverkan.agreements.services import record_review

    with pytest.raises(PermissionDenied):
        record_review(
            scn.user("secretary"), scn.network, year=2026, outcome="evaluated", held_on=DAY
        )


def test_minutes_cannot_be_approved_before_the_meeting_has_started(scn):
    """Issue 16 §8: the draft may be written ahead; approving waits for the meeting."""
    import django.utils.timezone

    soon = django.utils.timezone.now() + datetime.timedelta(days=3)
    meeting = services.schedule_meeting(
        scn.user("secretary"),
        scn.network,
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=2),
    )
    services.save_minutes(scn.user("secretary"), meeting, text="Utkast")
    assert meeting.starts_at > django.utils.timezone.now()
    with pytest.raises(ServiceError, match="Mötet har inte börjat än"):
        services.approve_minutes(scn.user("secretary"), meeting)
    assert Minutes.objects.get(meeting=meeting).state == Minutes.State.DRAFT


def test_the_minutes_page_of_a_coming_meeting_offers_no_approval_and_writes_nothing(
    scn, client_for
):
    """Issue 16 §8 through the page: no "Spara och justera" before the meeting; a forced
    approval is refused in Swedish and the draft is not half-saved."""
    import django.utils.timezone

    soon = django.utils.timezone.now() + datetime.timedelta(days=3)
    meeting = services.schedule_meeting(
        scn.user("secretary"),
        scn.network,
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=2),
    )
    client = client_for("secretary")
    url = f"/natverk/socialchefsnatverket/moten/{meeting.pk}/protokoll/"
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Spara och justera" not in html and "när mötet har börjat" in html
    response = client.post(url, {"text": "Utkast", "approve": "1"})
    assert response.status_code == 200
    assert "Mötet har inte börjat än" in response.content.decode()
    assert not Minutes.objects.filter(meeting=meeting, text="Utkast").exists()
