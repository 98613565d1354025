"""notify(): the one way every part of Samverkan tells people something (issue 3, item 5).

A notice is stored once per (recipient, key); its e-mail is sent by a background task after the
transaction that created it commits (STYLE habit 2)."""

import base64
import contextlib
import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation

from samverkan.history.context import acting
from samverkan.history.models import HistoryEntry
from samverkan.notifications import digest as digests
from samverkan.notifications.models import DeliveryChoice, Notification
from samverkan.people.access import require_secretariat
from samverkan.people.models import Person


def attachment(filename: str, content: bytes, mimetype: str = "application/octet-stream") -> dict:
    """An attachment as notify() stores it."""
    return {
        "filename": filename,
        "content": base64.b64encode(content).decode("ascii"),
        "mimetype": mimetype,
    }


_inbox_only: ContextVar[bool] = ContextVar("samverkan_notices_inbox_only", default=False)


@contextlib.contextmanager
def inbox_only() -> Iterator[None]:
    """Notices made inside are stored and shown in the inbox but never e-mailed (their e-mail
    status is `skipped`, nothing is queued): for data that tell of events that did not happen,
    such as the demo data, whose addresses are invented."""
    token = _inbox_only.set(True)
    try:
        yield
    finally:
        _inbox_only.reset(token)


def _enqueue(ids: list[int]) -> None:
    from samverkan.notifications.tasks import deliver_notification

    for pk in ids:
        deliver_notification.enqueue(pk)


def notify(
    recipients: Iterable[Person],
    *,
    kind: str,
    subject: str,
    body: str,
    key: str,
    network: Any = None,
    about: models.Model | None = None,
    attachments: Iterable[dict] = (),
    immediate: bool = False,
) -> list[Notification]:
    """Store a notice for each recipient and queue its e-mail; returns the notices created.

    Idempotent per (recipient, key): a recipient who already has a notice with this key gets
    nothing new, so a service or reminder that runs twice for the same event tells nobody
    twice. People without an e-mail address see the notice in their inbox only. Someone who
    chose the daily digest (issue 16, point 6; the secretariat's default) gets the notice in
    that day's digest instead of an e-mail of its own, unless it is `immediate` (or of a kind
    that cannot wait, digest.IMMEDIATE_KINDS)."""
    people = {p.pk: p for p in recipients if p is not None}
    if not people:
        return []
    emailed = not _inbox_only.get()
    in_digest = (
        digests.wants_digest(people.values())
        if emailed and not immediate and kind not in digests.IMMEDIATE_KINDS
        else set()
    )

    def status_for(person: Person) -> str:
        if not (person.email and emailed):
            return Notification.EmailStatus.SKIPPED
        if person.pk in in_digest:
            return Notification.EmailStatus.DIGEST
        return Notification.EmailStatus.PENDING

    content_type = ContentType.objects.get_for_model(about) if about is not None else None
    files = list(attachments)
    with transaction.atomic():
        existing = set(
            Notification.objects.filter(key=key, recipient_id__in=people).values_list(
                "recipient_id", flat=True
            )
        )
        fresh = [
            Notification(
                recipient=person,
                kind=kind,
                subject=subject[:300],
                body=body,
                key=key,
                network=network,
                content_type=content_type,
                object_id=about.pk if about is not None else None,
                attachments=files,
                email_status=status_for(person),
            )
            for pk, person in people.items()
            if pk not in existing
        ]
        # A concurrent notify() for the same key may win the race: its rows stay, ours are
        # dropped by the unique constraint.
        Notification.objects.bulk_create(fresh, ignore_conflicts=True)
        created = list(
            Notification.objects.filter(key=key, recipient_id__in=people)
            .exclude(recipient_id__in=existing)
            .select_related("recipient")
        )
        to_send = [n.pk for n in created if n.email_status == Notification.EmailStatus.PENDING]
        if to_send:
            # robust: a failed enqueue must not break the action; the sweep sends it later.
            transaction.on_commit(lambda: _enqueue(to_send), robust=True)
    return created


def language_of(person: Person) -> str:
    """The language a person reads notices in: their account's choice, else the instance's."""
    user = person.user if person.user_id else None
    return getattr(user, "language", None) or settings.LANGUAGE_CODE


def notify_in_their_language(
    recipients: Iterable[Person], *, render: Callable[[], tuple[str, str]], **kwargs: Any
) -> list[Notification]:
    """notify() with the subject and body rendered by `render()` in each recipient's own
    language (SPEC §6), whatever the language of the person whose action caused the notice."""
    groups: dict[str, list[Person]] = defaultdict(list)
    for person in recipients:
        if person is not None:
            groups[language_of(person)].append(person)
    created: list[Notification] = []
    for language, people in groups.items():
        with translation.override(language):
            subject, body = render()
        created += notify(people, subject=subject, body=body, **kwargs)
    return created


def mark_read(person: Person, notification: Notification) -> Notification:
    if notification.recipient_id != person.pk:
        raise Notification.DoesNotExist
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_read(
    person: Person,
    *,
    now: datetime.datetime | None = None,
    kind: str = "",
    network: str = "",
) -> int:
    """Mark every unread notice of `person` read; with `kind` or `network` (a slug), those
    the inbox's filter shows (issue 16, point 6). Returns how many."""
    unread = Notification.objects.filter(recipient=person, read_at__isnull=True)
    if kind:
        unread = unread.filter(kind=kind)
    if network:
        unread = unread.filter(network__slug=network)
    return unread.update(read_at=now or timezone.now())


def choose_delivery(actor: Person, *, daily_digest: bool) -> DeliveryChoice:
    """A person chooses how their notices are e-mailed (issue 16, point 6): one daily digest,
    or one e-mail per notice. Idempotent: the same choice again changes nothing. Choosing one
    e-mail per notice sends what waited for the next digest now, one by one."""
    with transaction.atomic(), acting(actor.user, "choose_notice_delivery"):
        choice = DeliveryChoice.objects.select_for_update().filter(person=actor).first()
        if choice is not None and choice.daily_digest == daily_digest:
            return choice
        if choice is None:
            choice = DeliveryChoice.objects.create(person=actor, daily_digest=daily_digest)
        else:
            choice.daily_digest = daily_digest
            choice.save(update_fields=["daily_digest", "changed_at"])
        if not daily_digest and (released := digests.release_waiting(actor)):
            transaction.on_commit(lambda: _enqueue(released), robust=True)
    return choice


def delivery_of(person: Person) -> bool:
    """True when `person`'s notices go in the daily digest (their choice, else the default)."""
    return person.pk in digests.wants_digest([person])


def resolve_notices(
    *, kind: str, network_ids: Iterable[int], now: datetime.datetime | None = None
) -> int:
    """Notices of `kind` about these networks no longer hold (issue 16, point 6: a network
    flagged inactive, C1, is active again): marked resolved and read, and an e-mail not yet
    on its way (pending, or waiting for a digest not yet composed) is not sent. Idempotent:
    a resolved notice stays as it is. Returns how many were resolved."""
    ids = list(network_ids)
    if not ids:
        return 0
    now = now or timezone.now()
    Status = Notification.EmailStatus
    with transaction.atomic():
        open_ = Notification.objects.filter(kind=kind, network_id__in=ids, resolved_at__isnull=True)
        pks = list(open_.values_list("pk", flat=True))
        Notification.objects.filter(pk__in=pks, read_at__isnull=True).update(read_at=now)
        Notification.objects.filter(pk__in=pks).update(resolved_at=now)
        Notification.objects.filter(
            Q(email_status=Status.PENDING) | Q(email_status=Status.DIGEST, digest__isnull=True),
            pk__in=pks,
        ).update(email_status=Status.SKIPPED)
    return len(pks)


def resend_failed(actor: Person, notification_ids: Iterable[int] | None = None) -> int:
    """The secretariat sends failed notices again (issue 18 §3): back to `pending` with a fresh
    round of attempts, queued after commit; `None`: every failed notice. Returns how many.

    A notice that is no longer failed (sent meanwhile, or sent again by someone else) is left
    as it is, so pressing "Skicka igen" twice sends once. Each notice sent again gets a history
    entry naming the secretariat's person. A pause of the mail server after a failure
    (delivery.py) is lifted: the secretariat has presumably repaired what failed."""
    require_secretariat(actor.user)
    failed = Notification.objects.filter(email_status=Notification.EmailStatus.FAILED)
    if notification_ids is not None:
        failed = failed.filter(pk__in=list(notification_ids))
    with transaction.atomic(), acting(actor.user, "resend_notice"):
        notices = list(failed.select_for_update().select_related("recipient"))
        ids = [n.pk for n in notices]
        Notification.objects.filter(pk__in=ids).update(
            email_status=Notification.EmailStatus.PENDING,
            email_attempts=0,
            next_attempt_at=None,
            error_kind="",
        )
        for notice in notices:
            HistoryEntry.objects.log_create(
                notice,
                action=HistoryEntry.Action.UPDATE,
                changes={"email_status": ["failed", "pending"]},
            )
        if ids:
            # Sent again after a repair (an address, the mail settings): try the server now.
            transaction.on_commit(lambda: _resume_and_enqueue(ids), robust=True)
    return len(ids)


def _resume_and_enqueue(ids: list[int]) -> None:
    from samverkan.notifications.delivery import resume_server

    resume_server()
    _enqueue(ids)
