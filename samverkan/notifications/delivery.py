"""E-mail delivery of notices: exactly one e-mail per notice, and no notice lost.

A delivery claims the notice with one conditional UPDATE (pending → sending); only the run
that wins the claim sends, so a task that runs twice sends once. The claim records when it was
made: a worker that dies after claiming leaves the notice in `sending`, and the sweep puts it
back to `pending` after NOTIFICATIONS_STUCK_MINUTES and sends it again.

Trade-off (issue 3, item 5): a worker that dies *between* handing the e-mail to the mail server
and marking it sent cannot know whether the e-mail left. We choose at-least-once: the sweep
sends it again, with the same Message-ID header (derived from the notice), so that mail
servers and clients that de-duplicate on Message-ID show it once. Losing a notice (at-most-once)
would be worse than a rare duplicate that carries the same identity."""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F
from django.utils import timezone

from samverkan.notifications import links
from samverkan.notifications.models import Notification

logger = logging.getLogger(__name__)

Status = Notification.EmailStatus


def _claim(pk: int, now: datetime.datetime) -> bool:
    return bool(
        Notification.objects.filter(pk=pk, email_status=Status.PENDING).update(
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
        email_status=Status.SENT, emailed_at=timezone.now(), last_error=""
    )


def _mark_failed(pk: int, claimed_at: datetime.datetime, error: Exception) -> None:
    """A refused or failed send goes back to `pending` for the sweep, until it gave up."""
    notification = Notification.objects.only("email_attempts").get(pk=pk)
    final = notification.email_attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS
    Notification.objects.filter(pk=pk, email_status=Status.SENDING, claimed_at=claimed_at).update(
        email_status=Status.FAILED if final else Status.PENDING,
        last_error=f"{type(error).__name__}: {error}"[:2000],
    )


def deliver(pk: int, *, now: datetime.datetime | None = None) -> str:
    """Send one notice's e-mail unless another run already has; returns what happened."""
    claimed_at = now or timezone.now()
    if not _claim(pk, claimed_at):
        return "not_pending"
    notification = Notification.objects.select_related("recipient", "network").get(pk=pk)
    if not notification.recipient.email:
        Notification.objects.filter(pk=pk).update(email_status=Status.SKIPPED)
        return "skipped"
    try:
        _send(notification)
    except Exception as error:
        logger.warning("notice %s: e-mail failed: %s", pk, error)
        _mark_failed(pk, claimed_at, error)
        return "failed"
    _mark_sent(pk, claimed_at)
    return "sent"


def sweep_undelivered(now: datetime.datetime | None = None) -> dict[str, int]:
    """Send what no task sent: notices still pending (an enqueue lost, a failed attempt) and
    notices stuck in `sending` longer than NOTIFICATIONS_STUCK_MINUTES (a worker died)."""
    now = now or timezone.now()
    stuck_before = now - datetime.timedelta(minutes=settings.NOTIFICATIONS_STUCK_MINUTES)
    released = Notification.objects.filter(
        email_status=Status.SENDING, claimed_at__lt=stuck_before
    ).update(email_status=Status.PENDING)
    counts = {"released": released, "sent": 0, "failed": 0}
    pending = Notification.objects.filter(email_status=Status.PENDING, created_at__lte=now)
    for pk in pending.order_by("pk").values_list("pk", flat=True):
        outcome = deliver(pk, now=now)
        if outcome in counts:
            counts[outcome] += 1
    return counts
