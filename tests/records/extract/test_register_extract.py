"""A person's register extract (issue 15 §1, GDPR art. 15): every room's part, no secrets,
survey responses left out with the reason, flat in queries."""

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from samverkan.meetings.attendance import record_attendance
from samverkan.meetings.services import schedule_meeting
from samverkan.networks.material.services import ask_question
from samverkan.people.extract import PARTS
from samverkan.records.extract.selectors import register_extract
from tests.helpers import assert_same_queries, queries_of
from tests.records.extract.conftest import give_member_a_life

pytestmark = pytest.mark.django_db

EVERY_ROOM = {
    "person",
    "ending",
    "account",
    "api_tokens",
    "memberships",
    "proposed_networks",
    "management",
    "attendance",
    "minutes_approved",
    "attachments",
    "calendar_feeds",
    "mandates",
    "working_groups",
    "onboarding",
    "chairs",
    "questions",
    "material",
    "costs",
    "notices",
    "survey_invitations",
    "directors_group",
    "history",
}


def test_extract_has_a_part_from_every_room_that_keeps_something_about_a_person(cast):
    assert set(PARTS) >= EVERY_ROOM
    document = register_extract(cast.people["member"])
    assert set(document["parts"]) == set(PARTS)
    assert document["format"] == "samverkan.register_extract"
    assert document["controller"]["name"] == "Familjen Helsingborg"
    assert document["person"] == {"id": cast.people["member"].pk, "name": "Maja Medlem"}
    # Plain JSON: it survives a round trip unchanged.
    assert json.loads(json.dumps(document)) == document


def test_extract_shows_identity_roles_attendance_questions_tokens_feeds_and_notices(held):
    parts = register_extract(held.person)["parts"]

    person = parts["person"]["data"]
    assert (person["name"], person["email"], person["phone"], person["municipality"]) == (
        "Maja Medlem",
        "maja.medlem@example.se",
        "042-10 00 00",
        "Klippan",
    )
    assert parts["account"]["data"]["email"] == "maja.medlem@example.se"
    assert parts["account"]["data"]["has_password"] is True
    assert [(m["network"], m["role"], m["start_on"]) for m in parts["memberships"]["data"]] == [
        ("Socialchefsnätverket", "Medlem", "2020-01-01")
    ]
    assert [(a["meeting"], a["status"]) for a in parts["attendance"]["data"]] == [
        ("Höstmötet", "Närvarande")
    ]
    [question] = parts["questions"]["data"]
    assert question["subject"] == "Hur skriver vi syftet?"
    assert [m["text"] for m in question["messages"]] == ["Vi undrar över syftet."]
    assert [t["name"] for t in parts["api_tokens"]["data"]] == ["Intranätet"]
    assert len(parts["calendar_feeds"]["data"]) == 1
    assert "Välkommen" in [n["subject"] for n in parts["notices"]["data"]]
    verbs = {e["verb"] for e in parts["history"]["data"]}
    assert {"record_attendance", "issue_token", "create_calendar_feed"} & verbs


def test_extract_holds_no_secret(held):
    text = json.dumps(register_extract(held.person), cls=DjangoJSONEncoder)
    person = held.person
    person.user.refresh_from_db()
    token = person.api_tokens.get()
    feed = person.calendar_feeds.get()
    for secret in (
        held.token_plain,
        held.feed_plain,
        token.key_hash,
        feed.token_hash,
        person.user.password,
    ):
        assert secret not in text


def test_survey_responses_are_not_in_the_extract_and_it_says_why(cast):
    document = register_extract(cast.people["member"])
    [left_out] = document["not_included"]
    assert left_out["what"] == "survey_responses"
    assert "kan inte kopplas" in left_out["reason"] or "knyter dem" in left_out["reason"]
    assert document["parts"]["survey_invitations"]["note"] == left_out["reason"]


def test_history_shows_the_persons_own_changes_but_not_values_of_others(cast):
    """Art. 15(4): a change the person made to another person's record is listed with what and
    when, without the other person's values."""
    from samverkan.people.services import confirm_contact_details

    coordinator = cast.people["coordinator"]
    confirm_contact_details(
        cast.user("coordinator"),
        coordinator,
        title="Samordnare",
        unit="Socialtjänsten",
        email=coordinator.email,
        phone="0418-47 00 00",
    )
    history = register_extract(coordinator)["parts"]["history"]["data"]
    own = [e for e in history if e["object_type"] == "person" and e["person_acted"]]
    assert own and own[-1]["changes"]["telefon"] == ["042-10 00 00", "0418-47 00 00"]

    # The coordinator records the member's attendance: in the member's extract with the
    # values (it is about the member); in the coordinator's without them.
    held = give_member_a_life(cast)
    mine = register_extract(coordinator)["parts"]["history"]["data"]
    theirs = register_extract(held.person)["parts"]["history"]["data"]
    recorded_by_me = [e for e in mine if e["verb"] == "record_attendance"]
    about_them = [e for e in theirs if e["verb"] == "record_attendance"]
    assert recorded_by_me and all(e["changes"] is None for e in recorded_by_me)
    assert about_them and all(e["changes"] for e in about_them)


def test_extract_queries_do_not_grow_with_what_the_person_has(cast):
    member = cast.people["member"]
    give_member_a_life(cast)
    before = queries_of(register_extract, member)
    for n in range(3):
        ask_question(
            cast.user("member"), cast.network, topic="other", subject=f"Fråga {n}", text="Text"
        )
        starts = timezone.now() + datetime.timedelta(days=14 + n)
        meeting = schedule_meeting(
            cast.user("coordinator"),
            cast.network,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
        )
        record_attendance(cast.user("member"), meeting, person=member, status="excused")
    after = queries_of(register_extract, member)
    assert_same_queries(before, after)


def test_pdf_counts_the_changes_a_person_made_to_other_records(cast):
    """The secretariat's own extract may hold thousands of changes made to others' records:
    the PDF counts them per day, verb and kind (the JSON lists each), so that it stays short."""
    from samverkan.records.extract.pdf import shown_parts

    give_member_a_life(cast)  # the coordinator plans a meeting and records attendance
    document = register_extract(cast.people["coordinator"])
    listed = [e for e in document["parts"]["history"]["data"] if e["changes"] is None]
    [history] = [p for p in shown_parts(document) if p.key == "history"]
    [(heading, _note, summary)] = history.more
    assert heading == "Ändringar som personen har gjort i andra poster"
    assert summary.header == ["Dag", "Åtgärd", "Vad", "Antal"]
    assert sum(int(row[3]) for row in summary.rows) == len(listed) > 0


def test_a_secret_link_in_a_notice_is_left_out_of_the_extract(cast):
    """An activation link is stored in its notice's text (accounts/activation): the extract
    shows the notice without it, and keeps ordinary links."""
    from samverkan.accounts.activation.services import activation_url
    from samverkan.notifications.services import notify

    member = cast.people["member"]
    link = activation_url(member.user)
    notify(
        [member],
        kind="test_activation",
        subject="Aktivera",
        body=f"Välj lösenord: {link}\nNätverket: https://example.se/natverk/socialchefsnatverket/",
        key="test:activation",
    )
    [notice] = [
        n
        for n in register_extract(member)["parts"]["notices"]["data"]
        if n["kind"] == "test_activation"
    ]
    assert link not in notice["body"] and "(personlig länk, utelämnad)" in notice["body"]
    assert "https://example.se/natverk/socialchefsnatverket/" in notice["body"]
