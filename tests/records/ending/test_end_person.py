"""Issue 15, §2: ending a person (GDPR art. 17 within arkivlagen). The roles end today, the
account and everything that signs in for it close, the contact details go (from the history
too), and the records that name the person still read correctly; nothing outside the person
changes; the only coordinator of an active network is refused (N4); twice changes nothing."""

import datetime
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.utils import timezone

from samverkan.api.models import ApiToken
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.history.models import HistoryEntry
from samverkan.meetings.models import CalendarFeed
from samverkan.networks.models import Membership
from samverkan.people.models import Person, User
from samverkan.records.ending.services import end_person
from samverkan.records.models import PersonEnding
from tests.cast import PASSWORD
from tests.records.ending.conftest import Story

REASON = "Personen har begärt radering (GDPR art. 17)."


def end(story: Story, who: str = "member", **kwargs: Any) -> PersonEnding:
    person = Person.objects.get(pk=story.cast.people[who].pk)
    return end_person(story.cast.user("secretariat"), person, reason=REASON, **kwargs)


def test_ending_ends_roles_closes_the_account_and_removes_contact_details(story):
    maja = story.cast.people["member"]
    today = timezone.localdate()
    ending = end(story)
    maja.refresh_from_db()
    assert (maja.anonymised_on, ending.ended_on, ending.reason) == (today, today, REASON)
    assert ending.ended_by == story.cast.people["secretariat"]
    assert (maja.email, maja.phone, maja.title, maja.unit, maja.pending_email) == ("",) * 5
    assert maja.name == "Maja Medlem" and maja.municipality == story.cast.muni("Klippan")
    assert set(Membership.objects.filter(person=maja).values_list("end_on", flat=True)) == {today}
    assert not story.group.members.filter(pk=maja.pk).exists()
    story.mandate.refresh_from_db()
    assert story.mandate.end_on == today
    user = User.objects.get(pk=maja.user_id)
    assert not user.is_active and not user.has_usable_password()
    assert user.email.endswith("@samverkan.invalid")
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not CalendarFeed.objects.filter(person=maja, revoked_at__isnull=True).exists()
    assert not ApiToken.objects.active().filter(person=maja).exists()
    ending_type = ContentType.objects.get_for_model(PersonEnding)
    entry = HistoryEntry.objects.get(content_type=ending_type, object_pk=str(ending.pk))
    assert (entry.verb, entry.actor) == ("end_person", story.cast.user("secretariat"))


def test_ended_person_cannot_sign_in_by_password_session_token_or_feed(
    story, client, django_capture_on_commit_callbacks
):
    email = story.cast.people["member"].email
    assert story.session.get("/min-sida/").status_code == 200
    assert client.get(story.feed_path).status_code == 200
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {story.token}"}
    assert client.get("/api/v1/networks", **bearer).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        end(story)
    assert story.session.get("/min-sida/").status_code == 302  # the session ended
    login = client.post("/konto/login/", {"login": email, "password": PASSWORD})
    assert login.status_code != 302 or "_auth_user_id" not in client.session
    assert client.get(story.feed_path).status_code == 404
    assert client.get("/api/v1/networks", **bearer).status_code == 401


def test_ended_person_cannot_sign_in_through_a_municipalitys_provider(story):
    """The provider's sign-in finds a person by a verified address or by an earlier link
    (SocialAccount): an ending removes both, and the account is inactive besides."""
    from allauth.socialaccount.models import SocialAccount

    maja = story.cast.people["member"]
    SocialAccount.objects.create(user=maja.user, provider="hbg", uid="maja-sub")
    end(story)
    assert not SocialAccount.objects.filter(uid="maja-sub").exists()
    assert not Person.objects.filter(email__iexact="maja.medlem@example.se").exists()
    assert not User.objects.get(pk=maja.user_id).is_active


def test_records_that_name_the_person_still_read_correctly(story, client_for):
    end(story)
    secretary = client_for("secretary")
    slug, pk = story.cast.network.slug, story.meeting.pk
    page = secretary.get(f"/natverk/{slug}/moten/{pk}/").content.decode()
    assert "Maja Medlem" in page and "Närvarande" in page
    assert "Maja Medlem föredrog läget i Klippan." in page
    mandates = secretary.get(f"/natverk/{slug}/uppdrag/").content.decode()
    assert "Maja Medlem" in mandates


def test_only_coordinator_of_an_active_network_is_refused_naming_it_N4(story):
    kim = story.cast.people["coordinator"]
    before = HistoryEntry.objects.count()
    with pytest.raises(RuleViolation) as refused:
        end(story, "coordinator")
    assert refused.value.rule_id == "N4"
    assert "Socialchefsnätverket" in refused.value.message
    kim.refresh_from_db()
    assert kim.anonymised_on is None and kim.email and kim.user.is_active
    assert HistoryEntry.objects.count() == before
    assert not PersonEnding.objects.exists()


def test_a_second_coordinator_lets_the_first_be_ended_N4(story):
    Membership.objects.create(
        network=story.cast.network,
        person=story.cast.people["secretary"],
        role=Membership.Role.COORDINATOR,
        start_on=datetime.date(2024, 1, 1),
    )
    assert end(story, "coordinator").person == story.cast.people["coordinator"]


def test_ending_twice_says_so_and_changes_nothing(story):
    end(story)
    before = (HistoryEntry.objects.count(), PersonEnding.objects.count())
    with pytest.raises(ServiceError, match="redan avslutad"):
        end(story)
    assert (HistoryEntry.objects.count(), PersonEnding.objects.count()) == before


def test_ending_needs_the_secretariat_and_a_reason(story):
    maja = story.cast.people["member"]
    with pytest.raises(PermissionDenied):
        end_person(story.cast.user("coordinator"), maja, reason=REASON)
    with pytest.raises(ServiceError, match="Ange varför"):
        end_person(story.cast.user("secretariat"), maja, reason=" \x00 ")
    with pytest.raises(ServiceError, match="högst"):
        end_person(story.cast.user("secretariat"), maja, reason="x" * 2001)
    with pytest.raises(PermissionDenied):
        end(story, "secretariat")  # not oneself
    maja.refresh_from_db()
    assert maja.anonymised_on is None


def test_contact_details_leave_the_history_but_not_another_persons(story):
    maja = story.cast.people["member"]
    email, phone = maja.email, maja.phone
    end(story)
    person_type = ContentType.objects.get_for_model(Person)
    own = HistoryEntry.objects.filter(content_type=person_type, object_pk=str(maja.pk))
    assert own.exists()
    for entry in HistoryEntry.objects.all():
        assert email not in str(entry.changes) + entry.object_repr + (entry.actor_email or "")
    for entry in own:
        assert phone not in str(entry.changes)
    # Rita has the same switchboard number and title; her history keeps them.
    rita = HistoryEntry.objects.filter(
        content_type=person_type, object_pk=str(story.cast.people["reader"].pk)
    )
    assert any(phone in str(entry.changes) for entry in rita)
    assert Person.objects.get(pk=story.cast.people["reader"].pk).phone == phone


def _rows() -> dict[tuple[str, Any], dict[str, Any]]:
    out = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in {"sessions.Session", "usersessions.UserSession"}:
            continue
        for row in model._default_manager.values():
            out[(label, row.get(model._meta.pk.attname))] = row
    return out


def _about_maja(story: Story, label: str, row: dict[str, Any], email: str) -> bool:
    maja = story.cast.people["member"]
    if row.get("person_id") == maja.pk or row.get("recipient_id") == maja.pk:
        return True
    if label == "people.Person":
        return row["id"] == maja.pk
    if label in {"people.User", "account.EmailAddress"}:
        return row.get("id") == maja.user_id or row.get("user_id") == maja.user_id
    if label == "agreements.Mandate":
        return row["id"] == story.mandate.pk
    if label == "history.HistoryEntry":
        models: dict[int, type[Model]] = {
            ContentType.objects.get_for_model(m).pk: m for m in (Person, User)
        }
        ids = {Person: str(maja.pk), User: str(maja.user_id)}
        model = models.get(row["content_type_id"])
        return (
            (model is not None and row["object_pk"] == ids[model])
            or row["actor_id"] == maja.user_id
            or email in str(row["changes"]) + row["object_repr"]
        )
    return False


def test_nothing_outside_the_person_changes(story):
    email = story.cast.people["member"].email
    before = _rows()
    end(story)
    after = _rows()
    changed = [k for k in before if k in after and before[k] != after[k]]
    removed = [k for k in before if k not in after]
    for label, pk in changed + removed:
        assert _about_maja(story, label, before[(label, pk)], email), (label, pk)
    added = {label for label, _pk in after.keys() - before.keys()}
    assert added <= {"history.HistoryEntry", "records.PersonEnding"}
