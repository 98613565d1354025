"""Issue 13, item 1 (P4/ST2, SPEC §6): survey links are never stored readably, and a used, an
expired and an unknown link answer alike."""

import datetime

import pytest
from django.test import Client

from samverkan.notifications import links
from samverkan.notifications.delivery import build_message
from samverkan.notifications.models import Notification
from samverkan.notifications.services import notify
from samverkan.surveys import services, tokens
from samverkan.surveys.models import Invitation
from tests.surveys.helpers import OPENS, close, opened_round, token_of


def _all_tokens(survey):
    return [tokens.token_for(nonce) for nonce in survey.invitations.values_list("nonce", flat=True)]


def test_stored_notices_hold_no_survey_link_but_the_email_does_P4(cast):
    survey = opened_round(cast)
    services.remind_invitees(survey, OPENS + datetime.timedelta(days=7))
    notices = list(Notification.objects.filter(kind__startswith="survey_"))
    assert len(notices) == 8  # four invitations and four reminders
    stored = " ".join(
        f"{n.subject} {n.body} {n.key} {n.last_error} {n.attachments}" for n in notices
    )
    for token in _all_tokens(survey):
        assert token not in stored
    assert "/enkater/svar/" not in stored
    # The e-mail, built at send time, carries the recipient's own link.
    member = cast.people["member"]
    for notice in (n for n in notices if n.recipient == member):
        mail = build_message(notice).body
        assert f"/enkater/svar/{token_of(survey, member, cast.network)}/" in mail
        assert links.PLACEHOLDER not in mail


def test_inbox_api_and_admin_show_no_link_P4(cast, client_for, admin_client):
    survey = opened_round(cast)
    token = token_of(survey, cast.people["member"], cast.network)
    notice = Notification.objects.get(kind="survey_invitation", recipient=cast.people["member"])
    member = client_for("member")
    page = member.get(f"/inkorg/{notice.pk}/").content.decode()
    assert "Länken finns i e-postmeddelandet" in page
    assert token not in page and links.PLACEHOLDER not in page
    (api,) = member.get("/api/v1/notifications").json()
    assert token not in api["body"] and "Länken finns i e-postmeddelandet" in api["body"]
    for url in (
        "/admin/notifications/notification/",
        f"/admin/notifications/notification/{notice.pk}/change/",
        f"/admin/notifications/notification/?q={token[:12]}",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200
        assert token not in response.content.decode()


def test_a_placeholder_typed_into_another_notice_gets_no_link_P4(cast):
    """Only the survey's own kinds are filled, and only with the recipient's own link: a
    placeholder in some other text (here a forged notice) never carries anybody's link."""
    survey = opened_round(cast)
    invitation = Invitation.objects.get(person=cast.people["member"])
    (forged,) = notify(
        [cast.people["secretariat"]],
        kind="question",
        subject="Fråga",
        body=f"Se {links.PLACEHOLDER}",
        key="forged",
        about=invitation,
    )
    assert "/enkater/svar/" not in build_message(forged).body
    # A survey notice moved to another recipient gets no link either.
    notice = Notification.objects.get(kind="survey_invitation", recipient=cast.people["member"])
    notice.recipient = cast.people["secretariat"]
    mail = build_message(notice).body
    assert token_of(survey, cast.people["member"], cast.network) not in mail
    assert "Länken gäller inte längre" in mail


def _answer_page(client, token):
    response = client.get(f"/enkater/svar/{token}/")
    return response.status_code, response.content.decode().split("<main", 1)[-1]


def test_used_expired_and_unknown_links_answer_alike_P4(cast):
    """Whoever holds links cannot tell from the answer which were used (issue 13, item 1):
    the status and the page are the same."""
    today = datetime.date.today()
    survey = opened_round(cast, opens=today, closes=today + datetime.timedelta(days=10))
    used = token_of(survey, cast.people["member"], cast.network)
    fresh = token_of(survey, cast.people["coordinator"], cast.network)
    services.submit_response(used, {"value": 4}, today=today)
    client = Client()
    assert _answer_page(client, fresh)[0] == 200  # an unused link leads to the form
    answers = {
        "used": _answer_page(client, used),
        "unknown": _answer_page(client, "0" * 64),
        "garbled": _answer_page(client, used[:-1]),
    }
    close(cast, survey, today=today)
    answers["expired"] = _answer_page(client, fresh)
    assert len(set(answers.values())) == 1, answers
    status, page = answers["used"]
    assert status == 404 and "Länken går inte att använda" in page
    # The same through the API.
    bodies = {
        c.post(
            f"/api/v1/surveys/answer/{t}",
            {"answers": {"value": 3}},
            content_type="application/json",
        ).content
        for c, t in ((client, used), (client, fresh), (client, "0" * 64))
    }
    assert len(bodies) == 1


@pytest.mark.parametrize("rotated", [False, True])
def test_links_survive_a_key_rotation_P4(cast, settings, rotated):
    """With SECRET_KEY_FALLBACKS, a link sent before a rotation still works, and a reminder
    after it sends the link that works."""
    survey = opened_round(cast)
    old_token = token_of(survey, cast.people["member"], cast.network)
    if rotated:
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = "a-new-key-" + "x" * 50
    invitation = Invitation.objects.get(person=cast.people["member"])
    assert services.link_token(invitation) == old_token
    services.submit_response(old_token, {"value": 4}, today=OPENS)
    with pytest.raises(services.LinkRefused):
        services.submit_response(old_token, {"value": 4}, today=OPENS)
