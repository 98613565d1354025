"""Issue 15, §3: the cooperation's retention decisions, applied by a daily job through the
services, each removal counted and recorded in the history. The defaults keep everything but
what survey anonymity needs (the invitations of a closed round, SPEC §6, P4/ST2)."""

import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from samverkan.history.models import HistoryEntry
from samverkan.meetings.models import Attendance, Minutes
from samverkan.notifications.models import Notification
from samverkan.notifications.reminders import REMINDERS, run_daily
from samverkan.notifications.services import notify
from samverkan.people.models import Person, User
from samverkan.records.ending.services import end_person
from samverkan.records.models import PersonEnding, RetentionPolicy, RetentionRemoval
from samverkan.records.retention.services import apply_retention, months_before, save_policy
from samverkan.surveys.models import Invitation, SurveyRound
from tests.helpers import today
from tests.records.ending.conftest import story  # noqa: F401 (fixture)

LONG_AGO = timezone.now() - datetime.timedelta(days=4 * 365)


def closed_round_with_invitations(cast: Any, *, closed_on: datetime.date) -> SurveyRound:
    survey = SurveyRound.objects.create(
        title="Kvalitetsenkät",
        opens_on=closed_on - datetime.timedelta(days=30),
        closes_on=closed_on,
        state=SurveyRound.State.CLOSED,
        opened_on=closed_on - datetime.timedelta(days=30),
        closed_on=closed_on,
    )
    for i, who in enumerate(("member", "secretary", "coordinator")):
        Invitation.objects.create(
            round=survey,
            network=cast.network,
            person=cast.people[who],
            nonce=f"n{i}",
            token_hash=f"h{i}",
        )
    return survey


def old_notice(person: Person, key: str) -> Notification:
    (notice,) = notify([person], kind="test", subject="Hej", body="Text", key=key)
    Notification.objects.filter(pk=notice.pk).update(
        created_at=LONG_AGO, email_status=Notification.EmailStatus.SENT
    )
    return notice


def test_defaults_keep_everything_but_the_invitations_of_closed_rounds_P4(cast):
    policy = RetentionPolicy.current()
    assert policy.notices_months is None and policy.inactive_accounts_months is None
    assert policy.names_in_records_years is None and policy.survey_invitations_days == 0
    closed_round_with_invitations(cast, closed_on=today() - datetime.timedelta(days=1))
    open_round = SurveyRound.objects.create(
        title="Öppen", opens_on=today(), closes_on=today(), state=SurveyRound.State.OPEN
    )
    Invitation.objects.create(
        round=open_round,
        network=cast.network,
        person=cast.people["member"],
        nonce="o",
        token_hash="o",
    )
    old_notice(cast.people["member"], "old")
    User.objects.filter(pk=cast.user("reader").pk).update(last_login=LONG_AGO)
    counts = apply_retention(today())
    assert counts == {
        "notices": 0,
        "survey_invitations": 3,
        "inactive_accounts": 0,
        "names": 0,
    }
    assert list(Invitation.objects.values_list("round", flat=True)) == [open_round.pk]
    assert Notification.objects.filter(key="old").exists()
    assert User.objects.get(pk=cast.user("reader").pk).is_active
    removal = RetentionRemoval.objects.get()
    assert (removal.kind, removal.count, removal.day) == ("survey_invitations", 3, today())
    entry = HistoryEntry.objects.get(
        content_type=ContentType.objects.get_for_model(RetentionRemoval), object_pk=str(removal.pk)
    )
    assert entry.verb == "apply_retention"


def test_a_second_run_the_same_day_removes_and_records_nothing_more(cast):
    closed_round_with_invitations(cast, closed_on=today() - datetime.timedelta(days=3))
    apply_retention(today())
    assert apply_retention(today()) == dict.fromkeys(
        ["notices", "survey_invitations", "inactive_accounts", "names"], 0
    )
    assert RetentionRemoval.objects.count() == 1


def test_invitations_wait_for_the_decided_days_after_the_round_closed(cast):
    save_policy(cast.user("secretariat"), survey_invitations_days=365)
    closed_round_with_invitations(cast, closed_on=today() - datetime.timedelta(days=30))
    assert apply_retention(today())["survey_invitations"] == 0
    assert apply_retention(today() + datetime.timedelta(days=335))["survey_invitations"] == 3


def test_notices_older_than_the_decision_are_removed_and_counted(cast):
    save_policy(cast.user("secretariat"), notices_months=24)
    old_notice(cast.people["member"], "old")
    old_notice(cast.people["reader"], "old2")
    notify([cast.people["member"]], kind="test", subject="Ny", body="Text", key="new")
    pending = old_notice(cast.people["member"], "pending")
    Notification.objects.filter(pk=pending.pk).update(email_status=Notification.EmailStatus.PENDING)
    assert apply_retention(today())["notices"] == 2
    assert set(Notification.objects.values_list("key", flat=True)) == {"new", "pending"}
    assert RetentionRemoval.objects.get(kind="notices").count == 2


def test_inactive_accounts_are_closed_after_the_decided_months(cast):
    save_policy(cast.user("secretariat"), inactive_accounts_months=18)
    User.objects.filter(pk=cast.user("reader").pk).update(last_login=LONG_AGO)
    User.objects.filter(pk=cast.user("member").pk).update(last_login=timezone.now())
    User.objects.filter(pk=cast.user("outsider").pk).update(date_joined=LONG_AGO)
    assert (
        apply_retention(today())["inactive_accounts"]
        == 1 + User.objects.filter(is_active=False).exclude(pk=cast.user("reader").pk).count()
    )
    assert not User.objects.get(pk=cast.user("reader").pk).is_active
    assert User.objects.get(pk=cast.user("member").pk).is_active
    assert not User.objects.get(pk=cast.user("outsider").pk).is_active  # never signed in
    reader = Person.objects.get(pk=cast.people["reader"].pk)
    assert reader.name == "Rita Läsare" and reader.anonymised_on is None  # the person stays


def test_names_in_records_are_pseudonymised_when_due(story, client_for):  # noqa: F811
    cast = story.cast
    maja = Person.objects.get(pk=cast.people["member"].pk)
    end_person(cast.user("secretariat"), maja, reason="Maja Medlem har begärt radering.")
    save_policy(cast.user("secretariat"), names_in_records_years=3)
    assert apply_retention(today() + datetime.timedelta(days=365))["names"] == 0
    later = today() + datetime.timedelta(days=3 * 366)
    assert apply_retention(later)["names"] == 1
    maja.refresh_from_db()
    alias = f"Person {maja.pk}"
    assert maja.name == alias
    ending = PersonEnding.objects.get(person=maja)
    assert ending.pseudonymised_on == later and "Maja Medlem" not in ending.reason
    minutes = Minutes.objects.get(meeting=story.meeting)
    assert minutes.text == f"{alias} föredrog läget i Klippan." and minutes.is_approved
    assert str(Attendance.objects.get(meeting=story.meeting, person=maja)).startswith(alias)
    for entry in HistoryEntry.objects.all():
        text = str(entry.changes) + entry.object_repr + (entry.actor_email or "")
        assert "Maja Medlem" not in text, (entry.content_type, entry.object_repr)
    # The others keep their names, in the records and in the history.
    assert Person.objects.get(pk=cast.people["coordinator"].pk).name == "Kim Samordnare"
    assert HistoryEntry.objects.filter(object_repr__contains="Kim Samordnare").exists()
    assert apply_retention(later)["names"] == 0  # done once
    html = (
        client_for("secretary")
        .get(f"/natverk/{cast.network.slug}/moten/{story.meeting.pk}/")
        .content.decode()
    )
    assert alias in html and "Maja Medlem" not in html


def test_the_daily_job_applies_retention_through_the_reminders(cast):
    assert "samverkan.records.reminders.apply_retention_decisions" in REMINDERS
    closed_round_with_invitations(cast, closed_on=today() - datetime.timedelta(days=1))
    assert run_daily(today())["errors"] == []
    assert not Invitation.objects.exists()


def test_saving_the_decisions_is_recorded_and_saving_them_again_writes_nothing(cast):
    secretariat = cast.user("secretariat")
    save_policy(secretariat, notices_months=24, decision="KS 2026/17")
    policy_type = ContentType.objects.get_for_model(RetentionPolicy)
    entries = HistoryEntry.objects.filter(content_type=policy_type)
    assert [e.verb for e in entries] == ["save_retention_policy"]
    save_policy(secretariat, notices_months=24, decision="KS 2026/17")
    assert entries.count() == 1


def test_months_before_keeps_the_day_or_the_months_last():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 24) == datetime.date(2024, 1, 15)


@pytest.mark.parametrize("who, status", [("anonymous", 302), ("coordinator", 403)])
def test_retention_page_is_the_secretariats(cast, client_for, who, status):
    assert client_for(who).get("/handlingar/gallring/").status_code == status
    assert client_for(who).post("/handlingar/gallring/", {"notices_months": "1"}).status_code == (
        status
    )
    assert not RetentionPolicy.objects.exists()


def test_retention_page_saves_decisions_and_refuses_bad_input_in_swedish(cast, client_for):
    client = client_for("secretariat")
    page = client.get("/handlingar/gallring/")
    assert page.status_code == 200 and "Gallringsbeslut" in page.content.decode()
    bad = client.post(
        "/handlingar/gallring/", {"notices_months": "-3", "names_in_records_years": "x"}
    )
    assert bad.status_code == 200 and "error" in bad.content.decode()
    assert not RetentionPolicy.objects.exists()
    huge = client.post("/handlingar/gallring/", {"notices_months": str(2**70)})
    assert huge.status_code == 200 and not RetentionPolicy.objects.exists()
    saved = client.post(
        "/handlingar/gallring/",
        {"notices_months": "24", "survey_invitations_days": "0", "decision": "KS 2026/17"},
    )
    assert saved.status_code == 302
    policy = RetentionPolicy.current()
    assert (policy.notices_months, policy.survey_invitations_days) == (24, 0)
    assert policy.inactive_accounts_months is None and policy.decision == "KS 2026/17"
