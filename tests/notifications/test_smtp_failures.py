"""E-mail that neither hangs nor gives up (issue 18 §3), against local SMTP servers that hang,
refuse and come back."""

import datetime
import time

import pytest
from django.utils import timezone

from samverkan.notifications import delivery, selectors, services
from samverkan.notifications.models import Notification
from samverkan.notifications.services import notify
from tests.notifications.smtp_servers import hanging_server, refused_port, smtp_mailers, smtp_server

Status = Notification.EmailStatus


def _notify(cast, names=("member",), key="smtp:1"):
    return notify(
        [cast.people[n] for n in names], kind="test", subject="Ämne", body="Text", key=key
    )


def _notices(cast, count):
    people = [cast.people[n] for n in ("member", "coordinator", "secretary", "reader")]
    out = []
    for i in range(count):
        out += notify([people[i % 4]], kind="test", subject=f"Ämne {i}", body="Text", key=f"o:{i}")
    return out


def test_server_that_never_answers_fails_the_attempt_within_the_timeout(cast, settings):
    (notice,) = _notify(cast)
    with hanging_server() as port:
        settings.MAILERS = smtp_mailers(port, timeout=1)
        started = time.monotonic()
        assert delivery.deliver(notice.pk) == "failed"
        assert time.monotonic() - started < 15  # 1 s timeout; generous for a loaded CI machine
    notice.refresh_from_db()
    assert notice.email_status == Status.PENDING
    assert notice.error_kind == delivery.SERVER
    assert "timed out" in notice.last_error
    assert notice.next_attempt_at == notice.claimed_at + datetime.timedelta(minutes=1)


def test_refused_connection_pauses_every_other_attempt(cast, settings):
    _first, second = _notices(cast, 2)
    settings.MAILERS = smtp_mailers(refused_port())
    counts = delivery.sweep_undelivered()
    assert (counts["failed"], counts["sent"]) == (1, 0)
    second.refresh_from_db()
    # The second was not tried: the server is paused for everyone, not counted as an attempt.
    assert (second.email_status, second.email_attempts) == (Status.PENDING, 0)
    assert delivery.deliver(second.pk) == "deferred"


def test_outage_of_more_than_a_day_loses_nothing_and_each_is_sent_once(cast, settings):
    notices = _notices(cast, 13)
    now = timezone.now()
    with smtp_server() as (server, port):
        settings.MAILERS = smtp_mailers(port)
        server.refuse = "451 4.3.0 Try again later"
        for _sweep in range(60):  # every 30 minutes for 30 hours
            now += datetime.timedelta(minutes=30)
            delivery.sweep_undelivered(now)
        states = set(
            Notification.objects.filter(kind="test").values_list("email_status", flat=True)
        )
        assert states == {Status.PENDING}
        assert server.received == []
        server.refuse = ""  # the server comes back
        counts = delivery.sweep_undelivered(now + datetime.timedelta(minutes=30))
    assert counts["sent"] == 13
    ids = sorted(m["Message-ID"] for m in server.received)
    assert ids == sorted(n.message_id for n in notices)
    assert set(Notification.objects.values_list("email_status", flat=True)) == {Status.SENT}


def test_given_up_only_after_more_than_a_day_then_listed_and_sent_again(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    (notice,) = _notify(cast)
    first_try = timezone.now()
    now = first_try
    with smtp_server() as (server, port):
        settings.MAILERS = smtp_mailers(port)
        server.refuse = "421 4.3.2 Service not available"
        while notice.email_status != Status.FAILED:
            delivery.deliver(notice.pk, now=now)
            notice.refresh_from_db()
            now = notice.next_attempt_at or now
        assert notice.email_attempts == len(settings.NOTIFICATIONS_RETRY_MINUTES) + 1
        assert notice.claimed_at - first_try >= datetime.timedelta(days=1)
        assert list(selectors.failed_emails()) == [notice]
        server.refuse = ""
        with django_capture_on_commit_callbacks(execute=True):
            assert services.resend_failed(cast.people["secretariat"], [notice.pk]) == 1
    notice.refresh_from_db()
    assert notice.email_status == Status.SENT
    assert [m["Message-ID"] for m in server.received] == [notice.message_id]


def test_recipient_refused_for_good_fails_at_once_and_others_still_go(cast, settings):
    refused, _fine = _notices(cast, 2)
    with smtp_server() as (server, port):
        settings.MAILERS = smtp_mailers(port)
        server.refuse_rcpt = {cast.people["member"].email}
        counts = delivery.sweep_undelivered()
    assert (counts["sent"], counts["failed"]) == (1, 1)
    refused.refresh_from_db()
    assert (refused.email_status, refused.error_kind) == (Status.FAILED, delivery.RECIPIENT)
    assert [m["To"] for m in server.received] == [cast.people["coordinator"].email]


def test_server_back_sends_what_waited_for_it_before_its_turn(cast, settings):
    settings.NOTIFICATIONS_OUTAGE_PAUSE_SECONDS = 10
    waiting, _fresh = _notices(cast, 2)
    now = timezone.now()
    settings.MAILERS = smtp_mailers(refused_port())
    delivery.deliver(waiting.pk, now=now)
    waiting.refresh_from_db()
    assert waiting.next_attempt_at > now
    with smtp_server() as (server, port):
        settings.MAILERS = smtp_mailers(port)
        # After the pause, before the waiting notice's turn: the fresh one goes, then it.
        later = now + datetime.timedelta(seconds=settings.NOTIFICATIONS_OUTAGE_PAUSE_SECONDS + 1)
        assert later < waiting.next_attempt_at
        assert delivery.sweep_undelivered(later)["sent"] == 2
    assert len(server.received) == 2


@pytest.mark.parametrize("attempts", [1, 4, 9])
def test_retry_delays_grow(attempts, settings):
    delays = [delivery.retry_delay(n) for n in range(1, attempts + 1)]
    assert delays == sorted(delays)
    assert delivery.retry_delay(len(settings.NOTIFICATIONS_RETRY_MINUTES) + 1) is None
    assert sum(settings.NOTIFICATIONS_RETRY_MINUTES) >= 24 * 60
