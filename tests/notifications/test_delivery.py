"""Notices: stored once per key, e-mailed exactly once, never lost (issue 3, item 5)."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samverkan.notifications import delivery
from samverkan.notifications.models import Notification
from samverkan.notifications.services import attachment, notify
from samverkan.notifications.tasks import deliver_notification

Status = Notification.EmailStatus


class WorkerDied(BaseException):
    """The process is killed: nothing after this point runs, no except clause catches it."""


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _notify(cast, names=("member",), key="test:1", **kw):
    return notify(
        [cast.people[n] for n in names],
        kind="test",
        subject="Ämne",
        body="Text",
        key=key,
        network=cast.network,
        **kw,
    )


def test_notify_is_idempotent_per_recipient_and_key(
    cast, immediate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify(cast, ("member", "coordinator"))
    with django_capture_on_commit_callbacks(execute=True):
        again = _notify(cast, ("member", "coordinator", "secretary"))
    assert len(first) == 2
    assert [n.recipient for n in again] == [cast.people["secretary"]]
    assert Notification.objects.filter(key="test:1").count() == 3
    assert len(mail.outbox) == 3
    assert {m.to[0] for m in mail.outbox} == {
        cast.people[n].email for n in ("member", "coordinator", "secretary")
    }


def test_no_email_is_sent_before_commit(cast, immediate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify(cast)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_person_without_email_is_skipped_but_sees_notice(
    cast, immediate, django_capture_on_commit_callbacks
):
    person = cast.people["member"]
    person.email = ""
    person.save()
    with django_capture_on_commit_callbacks(execute=True):
        (notice,) = _notify(cast)
    assert notice.email_status == Status.SKIPPED
    assert mail.outbox == []


def test_exactly_one_email_across_repeated_task_runs(cast):
    (notice,) = _notify(cast)
    assert deliver_notification.call(notice.pk) == "sent"
    assert deliver_notification.call(notice.pk) == "not_pending"
    assert delivery.sweep_undelivered(timezone.now() + datetime.timedelta(hours=2))["sent"] == 0
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.email_status == Status.SENT
    assert notice.email_attempts == 1
    assert notice.emailed_at is not None


def test_email_carries_subject_link_attachments_and_stable_message_id(cast):
    (notice,) = _notify(cast, attachments=[attachment("a.txt", b"hej", "text/plain")])
    deliver_notification.call(notice.pk)
    (message,) = mail.outbox
    assert message.subject == "Ämne"
    assert cast.network.get_absolute_url() in message.body
    assert message.attachments[0][:2] == ("a.txt", b"hej") or (
        message.attachments[0].filename == "a.txt"
    )
    assert message.extra_headers["Message-ID"] == notice.message_id


def test_crash_between_sending_and_marking_does_not_lose_the_notice(cast, monkeypatch, settings):
    (notice,) = _notify(cast)
    monkeypatch.setattr(delivery, "_mark_sent", _raise(WorkerDied()))
    with pytest.raises(WorkerDied):
        deliver_notification.call(notice.pk)
    notice.refresh_from_db()
    assert notice.email_status == Status.SENDING
    monkeypatch.undo()
    # A second run of the task while the first is (apparently) still at work sends nothing.
    assert deliver_notification.call(notice.pk) == "not_pending"
    # The sweep before the time limit leaves it alone; after it, sends again, same Message-ID.
    soon = timezone.now() + datetime.timedelta(minutes=settings.NOTIFICATIONS_STUCK_MINUTES - 1)
    assert delivery.sweep_undelivered(soon)["sent"] == 0
    late = timezone.now() + datetime.timedelta(minutes=settings.NOTIFICATIONS_STUCK_MINUTES + 1)
    assert delivery.sweep_undelivered(late) == {"released": 1, "sent": 1, "failed": 0}
    notice.refresh_from_db()
    assert notice.email_status == Status.SENT
    assert len(mail.outbox) == 2
    assert mail.outbox[0].extra_headers["Message-ID"] == mail.outbox[1].extra_headers["Message-ID"]
    assert delivery.sweep_undelivered(late + datetime.timedelta(hours=1))["sent"] == 0
    assert len(mail.outbox) == 2


def test_crash_before_sending_is_sent_once_by_the_sweep(cast, monkeypatch, settings):
    (notice,) = _notify(cast)
    monkeypatch.setattr(delivery, "_send", _raise(WorkerDied()))
    with pytest.raises(WorkerDied):
        deliver_notification.call(notice.pk)
    monkeypatch.undo()
    assert mail.outbox == []
    late = timezone.now() + datetime.timedelta(minutes=settings.NOTIFICATIONS_STUCK_MINUTES + 1)
    delivery.sweep_undelivered(late)
    delivery.sweep_undelivered(late)
    assert len(mail.outbox) == 1


def test_failed_send_is_retried_after_a_delay_then_given_up(cast, monkeypatch, settings):
    settings.NOTIFICATIONS_RETRY_MINUTES = [10]
    (notice,) = _notify(cast)
    monkeypatch.setattr(delivery, "_send", _raise(OSError("smtp down")))
    assert deliver_notification.call(notice.pk) == "failed"
    notice.refresh_from_db()
    assert (notice.email_status, notice.last_error) == (Status.PENDING, "OSError: smtp down")
    # Not before its delay (issue 18 §3), even after the server's pause is over.
    soon = notice.claimed_at + datetime.timedelta(minutes=9)
    assert delivery.sweep_undelivered(soon)["failed"] == 0
    assert delivery.sweep_undelivered(soon + datetime.timedelta(minutes=2))["failed"] == 1
    notice.refresh_from_db()
    assert notice.email_status == Status.FAILED
    monkeypatch.undo()
    assert delivery.sweep_undelivered(soon + datetime.timedelta(hours=1))["sent"] == 0


def test_deliver_notifications_command_sends_pending(cast):
    _notify(cast, ("member", "coordinator"))
    call_command("deliver_notifications", stdout=_Sink())
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_real_worker_sends_once_even_if_the_task_is_enqueued_twice():
    from tests.cast import build_cast

    cast = build_cast()
    (notice,) = _notify(cast)  # notify()'s on_commit enqueued one task (autocommit)
    deliver_notification.enqueue(notice.pk)
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert len(mail.outbox) == 1
    notice.refresh_from_db()
    assert notice.email_status == Status.SENT


def _raise(error: BaseException):
    def fail(*args, **kwargs):
        raise error

    return fail


class _Sink:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
