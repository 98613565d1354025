"""The secretariat's list of e-mail that was given up, with "Skicka igen" (issue 18 §3)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from samverkan.history.models import HistoryEntry
from samverkan.notifications.models import Notification
from samverkan.notifications.services import notify, resend_failed

Status = Notification.EmailStatus


@pytest.fixture
def given_up(cast):
    (notice,) = notify(
        [cast.people["member"]], kind="test", subject="Kallelse", body="Text", key="failed:1"
    )
    Notification.objects.filter(pk=notice.pk).update(
        email_status=Status.FAILED,
        email_attempts=10,
        last_error="SMTPDataError: (451, b'Try again later')",
        error_kind="server",
    )
    return notice


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_secretariat_sees_the_failed_notice_and_why(client_for, given_up, cast):
    (waiting,) = notify(
        [cast.people["coordinator"]], kind="test", subject="Annat", body="Text", key="failed:2"
    )
    Notification.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now())
    response = client_for("secretariat").get(reverse("notifications:failed"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kallelse" in page
    assert cast.people["member"].email in page
    assert "Try again later" in page
    assert "Skicka igen" in page
    assert "1 notis väntar på ett nytt försök" in page


def test_the_list_in_english(client_for, given_up, cast):
    user = cast.user("secretariat")
    user.language = "en"
    user.save()
    page = client_for("secretariat").get(reverse("notifications:failed")).content.decode()
    assert "E-mail that did not get through" in page
    assert "Send again: 1 notice" in page


@pytest.mark.parametrize(
    ("name", "status"),
    [("reader", 403), ("member", 403), ("coordinator", 403), ("secretariat", 200)],
)
def test_only_the_secretariat_sees_the_list(client_for, given_up, name, status):
    assert client_for(name).get(reverse("notifications:failed")).status_code == status


def test_send_again_sends_once_and_is_recorded(
    client_for, given_up, cast, immediate, django_capture_on_commit_callbacks
):
    client = client_for("secretariat")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:resend"), {"notis": given_up.pk})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("notifications:resend"), {"notis": given_up.pk})  # pressed twice
    given_up.refresh_from_db()
    assert given_up.email_status == Status.SENT
    assert len(mail.outbox) == 1
    (entry,) = HistoryEntry.objects.filter(verb="resend_notice")
    assert entry.actor == cast.user("secretariat")
    assert entry.changes_dict == {"email_status": ["failed", "pending"]}


def test_send_all_again(cast, given_up, immediate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert resend_failed(cast.people["secretariat"]) == 1
    assert len(mail.outbox) == 1


def test_someone_else_cannot_send_again(cast, given_up):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        resend_failed(cast.people["coordinator"], [given_up.pk])
    given_up.refresh_from_db()
    assert given_up.email_status == Status.FAILED


def test_bad_choice_is_a_message_not_an_error(client_for, given_up):
    response = client_for("secretariat").post(
        reverse("notifications:resend"), {"notis": "x"}, follow=True
    )
    assert response.status_code == 200
    assert "Välj en notis" in response.content.decode()


def test_dashboard_tells_of_failed_email(client_for, given_up):
    page = client_for("secretariat").get(reverse("dashboard:dashboard")).content.decode()
    assert reverse("notifications:failed") in page
