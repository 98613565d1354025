"""The daily digest (issue 16, point 6): one e-mail a day with a person's notices, for those who
choose it instead of one e-mail per notice (the default for the secretariat, who get what
every network sends).

How it holds together, with the same machinery as a notice's own e-mail (delivery.py):
- notify() stores a notice for a person who wants the digest with e-mail status `digest`:
  nothing is queued, the inbox shows it at once.
- From NOTIFICATIONS_DIGEST_HOUR each day the sweep composes the digests: per person one
  Digest row for the day, unique on (recipient, day), and that person's waiting notices
  attached to it, in one transaction; the digest's delivery is queued after commit. Composing
  again (a second sweep, a second scheduler, a retry) finds the row and adds nothing: one
  digest per person per day. Notices made after the day's digest wait for the next day's.
- A digest is delivered as a notice is: claimed pending → sending by one conditional UPDATE,
  sent with a Message-ID derived from (recipient, day), marked sent with its notices. A worker
  that dies leaves it in `sending`; the sweep releases it after NOTIFICATIONS_STUCK_MINUTES and
  sends it again (at-least-once, the same Message-ID). A digest that fails retries on
  NOTIFICATIONS_RETRY_MINUTES; when given up, its notices are marked failed and appear in the
  secretariat's list of e-mail that did not arrive, where "Skicka igen" sends each one.
- Some notices cannot wait for tomorrow (an account's activation link): IMMEDIATE_KINDS, and
  notify(immediate=True), are e-mailed at once whatever the person chose."""

import datetime
import functools
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.notifications import links
from samverkan.notifications.models import DeliveryChoice, Digest, Notification
from samverkan.people.models import Person

logger = logging.getLogger(__name__)

Status = Notification.EmailStatus

# Notices whose e-mail is needed at once: a link to activate one's account.
IMMEDIATE_KINDS = frozenset({"activation"})


def default_digest(person: Person) -> bool:
    """Without a choice of their own: the digest for the secretariat, else one per notice."""
    return bool(person.is_secretariat)


def wants_digest(people: Iterable[Person]) -> set[int]:
    """The ids of those among `people` whose notices go in the daily digest (one query)."""
    by_id = {p.pk: p for p in people}
    chosen = dict(
        DeliveryChoice.objects.filter(person_id__in=by_id).values_list("person_id", "daily_digest")
    )
    return {pk for pk, person in by_id.items() if chosen.get(pk, default_digest(person)) is True}


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# ---- composing ---------------------------------------------------------------------------------


def _waiting(now: datetime.datetime):  # type: ignore[no-untyped-def]
    return Notification.objects.filter(
        email_status=Status.DIGEST, digest__isnull=True, created_at__lte=now
    )


def compose_digests(now: datetime.datetime | None = None) -> list[int]:
    """Compose today's digests (from NOTIFICATIONS_DIGEST_HOUR on) for everyone with notices
    waiting and no digest yet today; returns the ids of the digests made, whose delivery is
    queued after commit. Idempotent: a second run the same day makes nothing."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if local.hour < settings.NOTIFICATIONS_DIGEST_HOUR:
        return []
    day = local.date()
    recipients = set(
        _waiting(now)
        .exclude(recipient__digests__day=day)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    made = []
    for recipient_id in sorted(recipients):
        try:
            with transaction.atomic():
                digest, created = Digest.objects.get_or_create(recipient_id=recipient_id, day=day)
                if not created:
                    continue  # another sweep composed it meanwhile
                attached = _waiting(now).filter(recipient_id=recipient_id).update(digest=digest)
                if not attached:
                    digest.delete()
                    continue
                made.append(digest.pk)
                transaction.on_commit(functools.partial(_enqueue, digest.pk), robust=True)
        except IntegrityError:  # a concurrent sweep inserted the same (recipient, day)
            continue
    return made


def _enqueue(pk: int) -> None:
    from samverkan.notifications.tasks import deliver_digest

    deliver_digest.enqueue(pk)


def release_waiting(person: Person) -> list[int]:
    """The notices waiting for `person`'s next digest go out one by one instead (they chose
    one e-mail per notice): back to `pending`; returns their ids, to queue after commit."""
    waiting = Notification.objects.filter(
        recipient=person, email_status=Status.DIGEST, digest__isnull=True
    )
    ids = list(waiting.values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids, email_status=Status.DIGEST).update(
        email_status=Status.PENDING
    )
    return ids


# ---- the e-mail --------------------------------------------------------------------------------


def build_message(digest: Digest, notices: list[Notification]) -> EmailMessage:
    """One e-mail with every notice of the digest: each with its text and an absolute link to
    what it is about, in the recipient's language; the notices' attachments attached."""
    from samverkan.notifications.delivery import absolute_links
    from samverkan.notifications.services import language_of

    with translation.override(language_of(digest.recipient)):
        day = formats.date_format(digest.day, "DATE_FORMAT")
        subject = ngettext(
            "Samverkan %(day)s: %(n)d notis",
            "Samverkan %(day)s: %(n)d notiser",
            len(notices),
        ) % {"day": day, "n": len(notices)}
        parts = [
            ngettext(
                "Här är din sammanfattning av dagens notis.",
                "Här är din sammanfattning av dagens %(n)d notiser.",
                len(notices),
            )
            % {"n": len(notices)}
        ]
        for number, notice in enumerate(notices, start=1):
            link = notice.target_url() or notice.get_absolute_url()
            lines = [f"{number}. {notice.subject}"]
            if notice.network_id and notice.network is not None:
                lines.append(_("Nätverk: %(name)s") % {"name": notice.network.name})
            lines += ["", absolute_links(links.email_body(notice))]
            if link:
                lines += ["", site_url(link)]
            parts.append("\n".join(lines))
        parts.append(
            _(
                "Du får en sammanfattning per dag i stället för ett e-postmeddelande per notis. "
                "Alla notiser finns i inkorgen, där du också kan ändra valet: %(url)s"
            )
            % {"url": site_url(reverse("notifications:inbox"))}
        )
    separator = "\n\n" + "-" * 40 + "\n\n"
    files = [a for n in notices for a in n.decoded_attachments()]
    return EmailMessage(
        subject=subject,
        body=separator.join(parts),
        to=[digest.recipient.email],
        headers={"Message-ID": digest.message_id},
        attachments=files,
    )


def notices_of(digest: Digest) -> list[Notification]:
    return list(
        Notification.objects.filter(digest=digest)
        .exclude(email_status=Status.SKIPPED)
        .select_related("recipient", "network", "content_type")
        .order_by("created_at", "pk")
    )


def _due(now: datetime.datetime) -> Q:
    return Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
