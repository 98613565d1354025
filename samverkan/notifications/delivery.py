"""E-mail delivery of notices: exactly one e-mail per notice, and no notice lost.

A delivery claims the notice with one conditional UPDATE (pending → sending); only the run
that wins the claim sends, so a task that runs twice sends once. The claim records when it was
made: a worker that dies after claiming leaves the notice in `sending`, and the sweep puts it
back to `pending` after NOTIFICATIONS_STUCK_MINUTES and sends it again.

Trade-off (issue 3, item 5): a worker that dies *between* handing the e-mail to the mail server
and marking it sent cannot know whether the e-mail left. We choose at-least-once: the sweep
sends it again, with the same Message-ID header (derived from the notice), so that mail
servers and clients that de-duplicate on Message-ID show it once. Losing a notice (at-most-once)
would be worse than a rare duplicate that carries the same identity.

Failures (issue 18 §3). The SMTP connection has a timeout (settings, MAILERS), so a server that
accepts and never answers fails the attempt instead of holding the worker. A failed attempt is
tried again after the next of NOTIFICATIONS_RETRY_MINUTES (growing delays, more than a day in
all); only then is the notice marked failed and listed for the secretariat, who may send it
again. A recipient the server refuses for good (5xx) is failed at once, as a mail server
would bounce it. When the *server* fails (no answer, refused connection, 4xx to everything),
the others do not each wait for the timeout: a pause shared through the cache stops every
process from trying for NOTIFICATIONS_OUTAGE_PAUSE_SECONDS, and the sweep stops at once. When a
later sweep gets an e-mail through, the notices that waited for the server are sent then, not
hours later at their next turn."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone

from samverkan.notifications import links
from samverkan.notifications.models import Notification

logger = logging.getLogger(__name__)

Status = Notification.EmailStatus
OUTAGE_KEY = "notifications:mail-server-paused-until"

SERVER = "server"
RECIPIENT = "recipient"
OTHER = "other"


def retry_delay(failed_attempts: int) -> datetime.timedelta | None:
    """How long to wait after the `failed_attempts`-th failure; None: give up."""
    delays = settings.NOTIFICATIONS_RETRY_MINUTES
    if failed_attempts > len(delays):
        return None
    return datetime.timedelta(minutes=delays[failed_attempts - 1])


def failure_kind(error: BaseException) -> str:
    """SERVER: the mail server is away or refuses everything (every notice would fail alike);
    RECIPIENT: it refused this notice's address for good; OTHER: anything else."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and all(
        code >= 500 for code, _message in error.recipients.values()
    ):
        return RECIPIENT
    # smtplib's errors, refused connections, timeouts and TLS failures are all OSErrors.
    if isinstance(error, OSError):
        return SERVER
    return OTHER


def server_paused(now: datetime.datetime) -> bool:
    until = cache.get(OUTAGE_KEY)
    return until is not None and until > now


def _pause_server(now: datetime.datetime) -> None:
    pause = settings.NOTIFICATIONS_OUTAGE_PAUSE_SECONDS
    if pause > 0:
        cache.set(OUTAGE_KEY, now + datetime.timedelta(seconds=pause), timeout=pause + 60)


def resume_server() -> None:
    cache.delete(OUTAGE_KEY)


def _due(now: datetime.datetime) -> Q:
    return Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)


def _claim(pk: int, now: datetime.datetime, *, early: bool = False) -> bool:
    notices = Notification.objects.filter(pk=pk, email_status=Status.PENDING)
    notices = notices.filter(Q(error_kind=SERVER) if early else _due(now))
    return bool(
        notices.update(
            email_status=Status.SENDING, claimed_at=now, email_attempts=F("email_attempts") + 1
        )
    )


def build_message(notification: Notification) -> EmailMessage:
    link = notification.target_url() or notification.get_absolute_url()
    # A personal link is put in only now, never stored readably (links.py).
    body = links.email_body(notification)
    if link:
        body = f"{body}\n\n{settings.SITE_URL.rstrip('/')}{link}"
    return EmailMessage(
        subject=notification.subject,
        body=body,
        to=[notification.recipient.email],
        headers={"Message-ID": notification.message_id},
        attachments=notification.decoded_attachments(),
    )


def _send(notification: Notification) -> None:
    build_message(notification).send()


def _mark_sent(pk: int, claimed_at: datetime.datetime) -> None:
    Notification.objects.filter(pk=pk, email_status=Status.SENDING, claimed_at=claimed_at).update(
        email_status=Status.SENT,
        emailed_at=timezone.now(),
        last_error="",
        error_kind="",
        next_attempt_at=None,
    )


def _mark_failed(pk: int, claimed_at: datetime.datetime, error: Exception, kind: str) -> None:
    """Back to `pending` until its next attempt is due; `failed` once the delays are used up
    (or at once for a recipient refused for good)."""
    attempts = Notification.objects.only("email_attempts").get(pk=pk).email_attempts
    delay = None if kind == RECIPIENT else retry_delay(attempts)
    Notification.objects.filter(pk=pk, email_status=Status.SENDING, claimed_at=claimed_at).update(
        email_status=Status.FAILED if delay is None else Status.PENDING,
        next_attempt_at=None if delay is None else claimed_at + delay,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        error_kind=kind,
    )


def deliver(pk: int, *, now: datetime.datetime | None = None, early: bool = False) -> str:
    """Send one notice's e-mail unless another run already has, or it is not yet due; returns
    what happened: sent, failed (tried; retried later or given up), deferred (the mail server
    is paused, not tried), not_pending or skipped. `early`: a notice that waits for the
    server to answer again is tried before its turn."""
    claimed_at = now or timezone.now()
    if server_paused(claimed_at):
        return "deferred"
    if not _claim(pk, claimed_at, early=early):
        return "not_pending"
    notification = Notification.objects.select_related("recipient", "network").get(pk=pk)
    if not notification.recipient.email:
        Notification.objects.filter(pk=pk).update(email_status=Status.SKIPPED)
        return "skipped"
    try:
        _send(notification)
    except Exception as error:
        kind = failure_kind(error)
        logger.warning("notice %s: e-mail failed (%s): %s", pk, kind, error)
        _mark_failed(pk, claimed_at, error, kind)
        if kind == SERVER:
            _pause_server(claimed_at)
        return "failed"
    _mark_sent(pk, claimed_at)
    return "sent"


def sweep_undelivered(now: datetime.datetime | None = None) -> dict[str, int]:
    """Send what no task sent: notices pending and due (an enqueue lost, a retry's turn) and
    notices stuck in `sending` longer than NOTIFICATIONS_STUCK_MINUTES (a worker died). Stops
    at the first failure of the mail server; once an e-mail got through, also sends those that
    waited for the server."""
    now = now or timezone.now()
    stuck_before = now - datetime.timedelta(minutes=settings.NOTIFICATIONS_STUCK_MINUTES)
    released = Notification.objects.filter(
        email_status=Status.SENDING, claimed_at__lt=stuck_before
    ).update(email_status=Status.PENDING)
    counts = {"released": released, "sent": 0, "failed": 0}
    pending = Notification.objects.filter(email_status=Status.PENDING, created_at__lte=now)
    if not _send_each(pending.filter(_due(now)), now, counts, early=False):
        return counts
    if counts["sent"]:
        waiting = pending.filter(error_kind=SERVER, next_attempt_at__gt=now)
        _send_each(waiting, now, counts, early=True)
    return counts


def _send_each(notices, now: datetime.datetime, counts: dict[str, int], *, early: bool) -> bool:
    """Deliver each; False when the mail server failed or is paused (the rest waits)."""
    for pk in notices.order_by("pk").values_list("pk", flat=True):
        outcome = deliver(pk, now=now, early=early)
        if outcome in counts:
            counts[outcome] += 1
        if outcome == "deferred" or server_paused(now):
            return False
    return True
