"""Issue 13, item 1 (P4/ST2, SPEC §6): nobody, not even with every row of the database but
without the secret key, can tell who has answered. The used-link markers join no invitation
without the key; reminders go to everyone; the data migration carries the old flags over."""

import datetime
import hashlib

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from samverkan.notifications.models import Notification
from samverkan.surveys import services, tokens
from samverkan.surveys.models import Invitation, SealedResponse, UsedLink
from tests.surveys.helpers import OPENS, add_members, opened_round, token_of


def _survey_rows():
    """Every row of every table of the surveys and notifications apps, as the insider reads
    them, except the answers' own tables (which change by one row per answer)."""
    out = {}
    with connection.cursor() as cursor:
        for model in [*apps.get_app_config("surveys").get_models(), Notification]:
            if model in (SealedResponse, UsedLink):
                continue
            table = model._meta.db_table
            cursor.execute(f"SELECT * FROM {table} ORDER BY 1")
            out[table] = cursor.fetchall()
    return out


def test_answering_changes_nothing_that_names_the_person_P4(cast):
    """On the old code the invitation's `answered` flag turned true: whoever read the table
    knew who had answered. Now an answer changes no invitation and no notice, and leaves a
    marker and a sealed answer that name nobody."""
    survey = opened_round(cast)
    before = _survey_rows()
    services.submit_response(
        token_of(survey, cast.people["member"], cast.network), {"value": 4}, today=OPENS
    )
    assert _survey_rows() == before
    (marker,) = UsedLink.objects.values_list("marker", flat=True)
    (sealed,) = SealedResponse.objects.values_list("sealed", flat=True)
    stored = set()
    for inv in Invitation.objects.all():
        stored |= {inv.nonce, inv.token_hash, inv.person.email}
        # The marker is no function of what the database holds that needs no key.
        for value in (inv.nonce, inv.token_hash, f"survey-used:{inv.nonce}"):
            assert hashlib.sha256(value.encode()).hexdigest() != marker
    assert not any(value in marker or value in sealed for value in stored)
    assert "value" not in sealed  # encrypted


def test_markers_join_invitations_only_with_the_key_P4(cast, settings):
    survey = opened_round(cast)
    services.submit_response(
        token_of(survey, cast.people["member"], cast.network), {"value": 4}, today=OPENS
    )
    member = Invitation.objects.get(person=cast.people["member"])
    assert UsedLink.objects.filter(marker=tokens.used_marker(member.nonce)).exists()
    # With any other key (the insider's guess), no marker matches any invitation.
    settings.SECRET_KEY = "an-insiders-guess-" + "x" * 40
    for inv in Invitation.objects.all():
        assert not UsedLink.objects.filter(marker=tokens.used_marker(inv.nonce)).exists()


def test_reminder_notices_are_the_same_for_who_answered_and_who_did_not_P4(cast):
    survey = opened_round(cast)
    services.submit_response(
        token_of(survey, cast.people["member"], cast.network), {"value": 4}, today=OPENS
    )
    services.remind_invitees(survey, OPENS + datetime.timedelta(days=7))
    reminders = Notification.objects.filter(kind="survey_reminder", network=cast.network)
    by_person = {n.recipient_id: n for n in reminders}
    answered = by_person.pop(cast.people["member"].pk)
    other = by_person[cast.people["coordinator"].pk]
    for field in ("subject", "body", "email_status", "attachments", "content_type_id"):
        assert getattr(answered, field) == getattr(other, field), field


def test_round_page_shows_rates_but_no_list_of_who_answered_P4(cast, client_for):
    survey = opened_round(cast)
    services.submit_response(
        token_of(survey, cast.people["member"], cast.network), {"value": 4}, today=OPENS
    )
    page = client_for("secretariat").get(f"/enkater/{survey.pk}/").content.decode()
    assert ">1</td>" in page  # one answered in Socialchefsnätverket
    for person in ("Maja Medlem", "Kim Samordnare", "Sara Sekreterare"):
        assert person not in page


BEFORE = ("surveys", "0002_alter_surveyround_state")
AFTER = ("surveys", "0003_trust_anonymity")


@pytest.mark.django_db(transaction=True)
def test_migration_turns_answered_flags_into_markers_and_seals_open_answers_P4(cast):
    add_members(cast, cast.other_network, 1)
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([BEFORE])
        old = MigrationExecutor(connection).loader.project_state([BEFORE]).apps
        Round = old.get_model("surveys", "SurveyRound")
        OldInvitation = old.get_model("surveys", "Invitation")
        OldResponse = old.get_model("surveys", "Response")
        Question = old.get_model("surveys", "Question")
        rounds = {}
        for state in ("open", "closed"):
            rounds[state] = Round.objects.create(
                title=state, opens_on=OPENS, closes_on=OPENS, state=state
            )
            Question.objects.create(round=rounds[state], key="value", kind="scale", text="?")
        nonces = {}
        for state, survey in rounds.items():
            for person, answered in (
                (cast.people["member"], True),
                (cast.people["coordinator"], False),
            ):
                nonce = tokens.new_nonce()
                nonces[state, answered] = nonce
                OldInvitation.objects.create(
                    round=survey,
                    network_id=cast.network.pk,
                    person_id=person.pk,
                    nonce=nonce,
                    token_hash=hashlib.sha256(tokens.token_for(nonce).encode()).hexdigest(),
                    answered=answered,
                )
            OldResponse.objects.create(
                round=survey, network_id=cast.network.pk, answers={"value": 4}
            )
        MigrationExecutor(connection).migrate([AFTER])
        new = MigrationExecutor(connection).loader.project_state([AFTER]).apps
        markers = set(new.get_model("surveys", "UsedLink").objects.values_list("marker", flat=True))
        assert markers == {tokens.used_marker(nonces["open", True])}
        sealed = new.get_model("surveys", "SealedResponse").objects.get()
        assert sealed.round_id == rounds["open"].pk
        assert tokens.unseal(sealed.sealed) == {"value": 4}
        responses = new.get_model("surveys", "Response").objects.all()
        assert [r.round_id for r in responses] == [rounds["closed"].pk]
        for inv in new.get_model("surveys", "Invitation").objects.all():
            assert inv.token_hash == tokens.hash_token(tokens.token_for(inv.nonce))
    finally:
        MigrationExecutor(connection).migrate(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        )
    # The links sent before keep working: the unanswered one leads to the form.
    assert services.invitation_for_token(tokens.token_for(nonces["open", False])) is not None
    invitation = services.invitation_for_token(tokens.token_for(nonces["open", True]))
    assert invitation is not None and services.is_used(invitation)
