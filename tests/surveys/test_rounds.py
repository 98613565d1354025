"""P4/ST2: opening a round, answering once, reminders, closing, sending results."""

import datetime

import pytest

from samverkan.core.errors import ServiceError
from samverkan.notifications.models import Notification
from samverkan.surveys import services
from samverkan.surveys.models import (
    DirectorsGroupMember,
    Invitation,
    Response,
    SealedResponse,
    SurveyRound,
    UsedLink,
)
from tests.surveys.helpers import CLOSES, OPENS, add_members, close, opened_round, token_of

REFUSED = "Länken går inte att använda"


def test_open_round_invites_every_current_member_of_active_networks_P4(cast):
    survey = services.create_round(
        cast.user("secretariat"), title="Enkät 2026", opens_on=OPENS, closes_on=CLOSES
    )
    assert survey.questions.count() == 6
    assert {q.kind for q in survey.questions.all()} == {"scale", "choice", "text"}
    assert Invitation.objects.count() == 0
    count = services.open_round(cast.user("secretariat"), survey, today=OPENS)
    # Socialchefsnätverket: member, secretary, coordinator; IT-chefsnätverket: outsider.
    assert count == 4
    assert set(Invitation.objects.values_list("person__name", flat=True)) == {
        "Maja Medlem",
        "Sara Sekreterare",
        "Kim Samordnare",
        "Otto Utomstående",
    }
    notices = Notification.objects.filter(kind="survey_invitation")
    assert notices.count() == 4
    inv = Invitation.objects.get(person=cast.people["member"])
    from samverkan.notifications.delivery import build_message
    from samverkan.surveys import tokens

    # The link goes into the e-mail only, built when it is sent (issue 13, item 1).
    notice = notices.get(recipient=cast.people["member"])
    assert tokens.token_for(inv.nonce) not in notice.body
    assert f"/enkater/svar/{tokens.token_for(inv.nonce)}/" in build_message(notice).body
    survey.refresh_from_db()
    assert survey.state == SurveyRound.State.OPEN


def test_only_secretariat_opens_rounds(cast):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_round(cast.user("coordinator"), title="X", opens_on=OPENS, closes_on=CLOSES)


def test_round_with_no_questions_refused_P4(cast):
    survey = services.create_round(
        cast.user("secretariat"), title="Tom", opens_on=OPENS, closes_on=CLOSES
    )
    for q in list(survey.questions.all()):
        services.remove_question(cast.user("secretariat"), q)
    with pytest.raises(ServiceError, match="inga frågor"):
        services.open_round(cast.user("secretariat"), survey, today=OPENS)
    survey.refresh_from_db()
    assert survey.state == SurveyRound.State.DRAFT
    assert Invitation.objects.count() == 0 and Notification.objects.count() == 0


def test_questions_editable_per_round_until_opened(cast):
    secretariat = cast.user("secretariat")
    survey = services.create_round(secretariat, title="R", opens_on=OPENS, closes_on=CLOSES)
    services.save_question(
        secretariat, survey, key="value", kind="scale", text="Vilket värde har nätverket?"
    )
    services.save_question(
        secretariat, survey, key="tools", kind="choice", text="Verktyg?", choices=["A", "B"]
    )
    assert survey.questions.get(key="value").text == "Vilket värde har nätverket?"
    with pytest.raises(ServiceError, match="minst två"):
        services.save_question(secretariat, survey, key="x", kind="choice", text="?", choices=["A"])
    services.open_round(secretariat, survey, today=OPENS)
    with pytest.raises(ServiceError, match="innan enkäten öppnas"):
        services.save_question(secretariat, survey, key="value", kind="scale", text="Ny")


def test_link_works_once_P4(cast):
    survey = opened_round(cast)
    token = token_of(survey, cast.people["member"], cast.network)
    services.submit_response(token, {"value": "5"}, today=OPENS)
    with pytest.raises(ServiceError, match=REFUSED):
        services.submit_response(token, {"value": "1"}, today=OPENS)
    assert SealedResponse.objects.count() == 1 and UsedLink.objects.count() == 1
    close(cast, survey)
    assert Response.objects.get().answers == {"value": 5}
    assert not SealedResponse.objects.exists() and not UsedLink.objects.exists()


def test_link_only_while_open_P4(cast):
    survey = opened_round(cast)
    token = token_of(survey, cast.people["member"], cast.network)
    with pytest.raises(ServiceError, match=REFUSED):
        services.submit_response(token, {"value": 3}, today=CLOSES + datetime.timedelta(days=1))
    services.close_round(cast.user("secretariat"), survey, today=OPENS)
    with pytest.raises(ServiceError, match=REFUSED):
        services.submit_response(token, {"value": 3}, today=OPENS)
    with pytest.raises(ServiceError, match=REFUSED):
        services.submit_response("nonsense", {"value": 3}, today=OPENS)
    assert Response.objects.count() == 0 and SealedResponse.objects.count() == 0


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"value": 6}, "från 1 till 5"),
        ({"value": 0}, "från 1 till 5"),
        ({"value": "fem"}, "från 1 till 5"),
        ({"frequency": "Varje dag"}, "alternativen"),
        ({}, "minst en fråga"),
    ],
)
def test_answer_outside_the_scale_refused_nothing_written_P4(cast, answers, message):
    survey = opened_round(cast)
    token = token_of(survey, cast.people["member"], cast.network)
    with pytest.raises(ServiceError, match=message):
        services.submit_response(token, answers, today=OPENS)
    assert SealedResponse.objects.count() == 0
    assert not UsedLink.objects.exists()
    services.submit_response(token, {"value": 2}, today=OPENS)  # the link still works


def test_closing_twice_refused_P4(cast):
    survey = opened_round(cast)
    services.close_round(
        cast.user("secretariat"), survey, today=OPENS + datetime.timedelta(days=20)
    )
    with pytest.raises(ServiceError, match="redan stängd"):
        services.close_round(cast.user("secretariat"), survey)
    survey.refresh_from_db()
    assert survey.closed_on == OPENS + datetime.timedelta(days=20)


def test_reminders_after_7_and_14_days_to_every_invitee_P4(cast):
    """Issue 13: the reminders go to everyone invited, answered or not, so that no stored
    notice tells who has not answered; they say so to those who have."""
    survey = opened_round(cast)
    services.submit_response(
        token_of(survey, cast.people["member"], cast.network), {"value": 4}, today=OPENS
    )
    day = datetime.timedelta(days=1)
    assert services.remind_invitees(survey, OPENS + 6 * day) == 0
    assert services.remind_invitees(survey, OPENS + 7 * day) == 4
    assert services.remind_invitees(survey, OPENS + 8 * day) == 0  # already reminded
    assert services.remind_invitees(survey, OPENS + 14 * day) == 4
    reminders = Notification.objects.filter(kind="survey_reminder")
    assert {n.recipient.name for n in reminders} == {
        "Maja Medlem",
        "Sara Sekreterare",
        "Kim Samordnare",
        "Otto Utomstående",
    }
    assert all("redan har svarat" in n.body for n in reminders)


def test_daily_reminder_registered(cast):
    from samverkan.notifications.reminders import REMINDERS

    assert any("remind_survey_invitees" in name for name in REMINDERS)


def test_results_sent_to_networks_and_directors_group_P4(cast):
    from samverkan.people.models import Person

    survey = opened_round(cast)
    director = Person.objects.create(name="Dora Direktör", email="dora@example.se")
    services.set_directors_group(cast.user("secretariat"), [director])
    assert DirectorsGroupMember.objects.count() == 1
    with pytest.raises(ServiceError, match="stängd"):
        services.send_results(cast.user("secretariat"), survey)
    services.close_round(cast.user("secretariat"), survey, today=CLOSES)
    assert services.send_results(cast.user("secretariat"), survey, today=CLOSES) == 5
    assert services.send_results(cast.user("secretariat"), survey, today=CLOSES) == 0
    names = set(
        Notification.objects.filter(kind="survey_results").values_list("recipient__name", flat=True)
    )
    assert names == {
        "Maja Medlem",
        "Sara Sekreterare",
        "Kim Samordnare",
        "Otto Utomstående",
        "Dora Direktör",
    }


def test_new_members_are_invited_in_each_network(cast):
    add_members(cast, cast.other_network, 3)
    survey = opened_round(cast)
    assert survey.invitations.filter(network=cast.other_network).count() == 4
    assert survey.coverage.get(network=cast.other_network).invited == 4


def test_round_closes_by_itself_after_its_closing_date_P4(cast):
    from samverkan.surveys.reminders import remind_survey_invitees

    survey = opened_round(cast)
    remind_survey_invitees(CLOSES)
    survey.refresh_from_db()
    assert survey.state == SurveyRound.State.OPEN
    remind_survey_invitees(CLOSES + datetime.timedelta(days=1))
    survey.refresh_from_db()
    assert (survey.state, survey.closed_on) == (SurveyRound.State.CLOSED, CLOSES)


def test_results_notice_carries_the_figures_as_xlsx_P4(cast):
    import base64
    import io

    from openpyxl import load_workbook

    from tests.surveys.helpers import answer_all

    people = add_members(cast, cast.other_network, 5)
    survey = opened_round(cast)
    answer_all(survey, cast.other_network, people)
    services.close_round(cast.user("secretariat"), survey, today=CLOSES)
    services.send_results(cast.user("secretariat"), survey, today=CLOSES)
    notice = Notification.objects.filter(kind="survey_results").first()
    (file,) = notice.attachments
    book = load_workbook(io.BytesIO(base64.b64decode(file["content"])))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Grupp" and any(r[0] == "IT-chefsnätverket" for r in rows)


def test_round_opening_later_is_scheduled_and_opened_by_the_daily_reminders_P4(cast):
    from samverkan.surveys.reminders import remind_survey_invitees

    survey = services.create_round(
        cast.user("secretariat"), title="Senare", opens_on=OPENS, closes_on=CLOSES
    )
    day = datetime.timedelta(days=1)
    assert services.open_round(cast.user("secretariat"), survey, today=OPENS - 3 * day) == 0
    survey.refresh_from_db()
    assert survey.state == SurveyRound.State.SCHEDULED
    assert Invitation.objects.count() == 0
    with pytest.raises(ServiceError, match="innan enkäten öppnas"):
        services.save_question(cast.user("secretariat"), survey, key="x", kind="text", text="?")
    remind_survey_invitees(OPENS - day)
    assert Invitation.objects.count() == 0
    remind_survey_invitees(OPENS)
    survey.refresh_from_db()
    assert survey.state == SurveyRound.State.OPEN and survey.opened_on == OPENS
    assert Invitation.objects.count() == 4
    assert Notification.objects.filter(kind="survey_invitation").count() == 4
