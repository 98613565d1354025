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
import re
import smtplib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone

from samverkan.notifications import links
from samverkan.notifications.models import Digest, Notification

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


def _claim(
    pk: int, now: datetime.datetime, *, early: bool = False, model: Any = Notification
) -> bool:
    """Pending → sending, by one conditional UPDATE: True for the one run that wins. `model`:
    a Notification, or a Digest (the daily digest is delivered the same way, digest.py)."""
    rows = model.objects.filter(pk=pk, email_status=Status.PENDING)
    rows = rows.filter(Q(error_kind=SERVER) if early else _due(now))
    return bool(
        rows.update(
            email_status=Status.SENDING, claimed_at=now, email_attempts=F("email_attempts") + 1
        )
    )


# A path of this site written into a notice's text ("Se /natverk/x/avtal/"): a word that
# starts with "/" and a letter or digit and has a second "/", after a space, a line's start or
# an opening bracket; not a date ("2026/27"), "och/eller" or a lone "/".
SITE_PATH = re.compile(
    r"(?<![^\s(\[<\"'])(/[A-Za-z0-9][\w\-.~%]*/(?:[^\s<>\"')\]]*[^\s<>\"')\].,;:!?])?)"
)


def absolute_links(text: str) -> str:
    """Issue 16, point 6: links in e-mails are absolute. A path of this site in the text gets
    SITE_URL in front of it, so that it opens from a mail client; full URLs stay as they are."""
    base = settings.SITE_URL.rstrip("/")
    return SITE_PATH.sub(lambda m: base + m.group(1), text)


def build_message(notification: Notification) -> EmailMessage:
    link = notification.target_url() or notification.get_absolute_url()
    # A personal link is put in only now, never stored readably (links.py).
    body = absolute_links(links.email_body(notification))
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


def _mark_sent(pk: int, claimed_at: datetime.datetime, *, model: Any = Notification) -> bool:
    return bool(
        model.objects.filter(pk=pk, email_status=Status.SENDING, claimed_at=claimed_at).update(
            email_status=Status.SENT,
            emailed_at=timezone.now(),
            last_error="",
            error_kind="",
            next_attempt_at=None,
        )
    )


def _mark_failed(
    pk: int,
    claimed_at: datetime.datetime,
    error: Exception,
    kind: str,
    *,
    model: Any = Notification,
) -> bool:
    """Back to `pending` until its next attempt is due; `failed` once the delays are used up
    (or at once for a recipient refused for good). True when given up."""
    attempts = model.objects.only("email_attempts").get(pk=pk).email_attempts
    delay = None if kind == RECIPIENT else retry_delay(attempts)
    model.objects.filter(pk=pk, email_status=Status.SENDING, claimed_at=claimed_at).update(
        email_status=Status.FAILED if delay is None else Status.PENDING,
        next_attempt_at=None if delay is None else claimed_at + delay,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        error_kind=kind,
    )
    return delay is None


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


def deliver_digest(pk: int, *, now: datetime.datetime | None = None, early: bool = False) -> str:
    """Send one daily digest (digest.py) unless another run already has; the same outcomes
    as deliver(). Its notices are marked sent with it; when it is given up they are marked
    failed, so that the secretariat sees them and can send each again."""
    from samverkan.notifications import digest as digests

    claimed_at = now or timezone.now()
    if server_paused(claimed_at):
        return "deferred"
    if not _claim(pk, claimed_at, early=early, model=Digest):
        return "not_pending"
    digest = Digest.objects.select_related("recipient").get(pk=pk)
    notices = digests.notices_of(digest)
    if not digest.recipient.email or not notices:
        Digest.objects.filter(pk=pk).update(email_status=Status.SKIPPED)
        Notification.objects.filter(digest=digest, email_status=Status.DIGEST).update(
            email_status=Status.SKIPPED
        )
        return "skipped"
    try:
        digests.build_message(digest, notices).send()
    except Exception as error:
        kind = failure_kind(error)
        logger.warning("digest %s: e-mail failed (%s): %s", pk, kind, error)
        if _mark_failed(pk, claimed_at, error, kind, model=Digest):
            Notification.objects.filter(digest=digest, email_status=Status.DIGEST).update(
                email_status=Status.FAILED,
                last_error=f"{type(error).__name__}: {error}"[:2000],
                error_kind=kind,
                claimed_at=claimed_at,
            )
        if kind == SERVER:
            _pause_server(claimed_at)
        return "failed"
    if _mark_sent(pk, claimed_at, model=Digest):
        Notification.objects.filter(digest=digest, email_status=Status.DIGEST).update(
            email_status=Status.SENT, emailed_at=timezone.now()
        )
    return "sent"


def sweep_undelivered(now: datetime.datetime | None = None) -> dict[str, Any]:
    """Send what no task sent: notices pending and due (an enqueue lost, a retry's turn) and
    notices stuck in `sending` longer than NOTIFICATIONS_STUCK_MINUTES (a worker died). Stops
    at the first failure of the mail server; once an e-mail got through, also sends those that
    waited for the server.

    Then the daily digests (issue 16, point 6; digest.py): a digest stuck in `sending` is
    released the same way, today's digests are composed (from NOTIFICATIONS_DIGEST_HOUR) and
    every pending digest that is due is sent. Their figures are under `digests`."""
    from samverkan.notifications.digest import compose_digests

    now = now or timezone.now()
    stuck_before = now - datetime.timedelta(minutes=settings.NOTIFICATIONS_STUCK_MINUTES)
    released = Notification.objects.filter(
        email_status=Status.SENDING, claimed_at__lt=stuck_before
    ).update(email_status=Status.PENDING)
    counts = {"released": released, "sent": 0, "failed": 0}
    digest_counts = {
        "released": Digest.objects.filter(
            email_status=Status.SENDING, claimed_at__lt=stuck_before
        ).update(email_status=Status.PENDING),
        "composed": 0,
        "sent": 0,
        "failed": 0,
    }
    pending = Notification.objects.filter(email_status=Status.PENDING, created_at__lte=now)
    if _send_each(pending.filter(_due(now)), now, counts, early=False) and counts["sent"]:
        waiting = pending.filter(error_kind=SERVER, next_attempt_at__gt=now)
        _send_each(waiting, now, counts, early=True)
    # Composed even while the server is paused: the digest waits, its notices are fixed.
    digest_counts["composed"] = len(compose_digests(now))
    if not server_paused(now):
        due = Digest.objects.filter(email_status=Status.PENDING, created_at__lte=now)
        _send_each(due.filter(_due(now)), now, digest_counts, early=False, send=deliver_digest)
    return {**counts, "digests": digest_counts} if any(digest_counts.values()) else counts


def _send_each(  # type: ignore[no-untyped-def]
    rows, now: datetime.datetime, counts: dict[str, int], *, early: bool, send=None
) -> bool:
    """Deliver each; False when the mail server failed or is paused (the rest waits)."""
    send = send or deliver
    for pk in rows.order_by("pk").values_list("pk", flat=True):
        outcome = send(pk, now=now, early=early)
        if outcome in counts:
            counts[outcome] += 1
        if outcome == "deferred" or server_paused(now):
            return False
    return True
