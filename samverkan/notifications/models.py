"""Notices to people: stored, shown in the inbox and delivered by e-mail once (SPEC §3)."""

import base64
import hashlib

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class EmailStatus(models.TextChoices):
        PENDING = "pending", _("Väntar")
        SENDING = "sending", _("Skickas")
        SENT = "sent", _("Skickad")
        FAILED = "failed", _("Misslyckades")
        SKIPPED = "skipped", _("Ingen e-post")
        # Issue 16, point 6: waits for the recipient's daily digest (digest.py).
        DIGEST = "digest", _("Väntar på dagens sammanfattning")

    recipient = models.ForeignKey(
        "people.Person",
        verbose_name=_("mottagare"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("typ"), max_length=64, db_index=True)
    subject = models.CharField(_("ämne"), max_length=300)
    body = models.TextField(_("text"))
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("nätverk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    # Who may receive the same notice twice decides the key: (recipient, key) is unique, so a
    # service that runs again for the same event creates nothing new.
    key = models.CharField(_("nyckel"), max_length=200)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("läst"), null=True, blank=True)
    email_status = models.CharField(
        _("e-poststatus"),
        max_length=8,
        choices=EmailStatus.choices,
        default=EmailStatus.PENDING,
    )
    email_attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    claimed_at = models.DateTimeField(_("senaste försök"), null=True, blank=True)
    # Issue 18: a failed attempt waits this long before the next (delivery.retry_delay).
    next_attempt_at = models.DateTimeField(_("nästa försök"), null=True, blank=True)
    # Why the last attempt failed, as delivery.failure_kind() classifies it: "server" (the
    # mail server did not answer or refused everything: tried again as soon as it answers),
    # "recipient" (the server refused this address for good) or "other".
    error_kind = models.CharField(max_length=16, blank=True)
    emailed_at = models.DateTimeField(_("e-postad"), null=True, blank=True)
    last_error = models.TextField(blank=True)
    # [{"filename": …, "content": base64, "mimetype": …}]
    attachments = models.JSONField(default=list, blank=True)
    # Issue 16, point 6: the daily digest that carries this notice's e-mail (digest.py).
    digest = models.ForeignKey(
        "notifications.Digest",
        verbose_name=_("sammanfattning"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
    )
    # Issue 16, point 6: what the notice told of no longer holds (a network flagged inactive,
    # C1, is active again); shown as resolved in the inbox, and no longer e-mailed.
    resolved_at = models.DateTimeField(_("löst"), null=True, blank=True)

    class Meta:
        verbose_name = _("notis")
        verbose_name_plural = _("notiser")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")
        ]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(fields=["email_status", "claimed_at"], name="notification_delivery"),
            models.Index(fields=["email_status", "next_attempt_at"], name="notification_retry"),
            models.Index(
                fields=["recipient", "created_at"],
                condition=Q(email_status="digest", digest__isnull=True),
                name="notification_awaits_digest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient_id}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("notifications:detail", kwargs={"pk": self.pk})

    @property
    def shown_body(self) -> str:
        """The body for the inbox, the API and the admin: a personal link that goes only into
        the e-mail (links.py) is shown as a neutral text."""
        from samverkan.notifications.links import shown_body

        return shown_body(self)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def message_id(self) -> str:
        """A Message-ID that stays the same for every delivery attempt of this notice, so that
        a re-send after a crash is recognised as the same e-mail by mail clients."""
        from django.conf import settings

        digest = hashlib.sha256(f"{self.recipient_id}:{self.key}".encode()).hexdigest()[:32]
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "samverkan.local"
        return f"<notice.{self.pk}.{digest}@{domain}>"

    def decoded_attachments(self) -> list[tuple[str, bytes, str]]:
        return [
            (a["filename"], base64.b64decode(a["content"]), a.get("mimetype") or "")
            for a in self.attachments
        ]

    def target_url(self) -> str:
        """Where the notice points: the object it is about, else its network."""
        about = self.about if self.content_type_id else None
        if about is not None and hasattr(about, "get_absolute_url"):
            return about.get_absolute_url()
        if self.network_id:
            return self.network.get_absolute_url()  # type: ignore[union-attr]
        return ""


class Digest(models.Model):
    """One person's daily digest e-mail (issue 16, point 6): the notices of a day in one e-mail
    instead of one e-mail each. Unique per (recipient, day), so a digest composed twice, by two
    sweeps or after a worker died, is one row and one e-mail. Delivered as a notice is
    (delivery.py): claimed pending → sending, sent once, a claim left by a dead worker released
    by the sweep."""

    recipient = models.ForeignKey(
        "people.Person",
        verbose_name=_("mottagare"),
        on_delete=models.CASCADE,
        related_name="digests",
    )
    day = models.DateField(_("dag"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    email_status = models.CharField(
        _("e-poststatus"),
        max_length=8,
        choices=Notification.EmailStatus.choices,
        default=Notification.EmailStatus.PENDING,
    )
    email_attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    claimed_at = models.DateTimeField(_("senaste försök"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("nästa försök"), null=True, blank=True)
    error_kind = models.CharField(max_length=16, blank=True)
    emailed_at = models.DateTimeField(_("e-postad"), null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("daglig sammanfattning")
        verbose_name_plural = _("dagliga sammanfattningar")
        ordering = ["-day", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="digest_once_per_day")
        ]
        indexes = [models.Index(fields=["email_status", "claimed_at"], name="digest_delivery")]

    def __str__(self) -> str:
        return f"{self.day} → {self.recipient_id}"

    @property
    def message_id(self) -> str:
        """The same for every attempt, so a re-send after a crash is one e-mail to clients."""
        from django.conf import settings

        digest = hashlib.sha256(f"digest:{self.recipient_id}:{self.day}".encode()).hexdigest()[:32]
        domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "samverkan.local"
        return f"<digest.{self.pk}.{digest}@{domain}>"


class DeliveryChoice(models.Model):
    """How a person wants notices e-mailed (issue 16, point 6): one e-mail per notice, or one
    daily digest. A person without a row gets the default: the digest for the secretariat,
    who receive what every network sends, one e-mail per notice for everyone else."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notice_delivery",
    )
    daily_digest = models.BooleanField(_("daglig sammanfattning"))
    changed_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("val av e-post för notiser")
        verbose_name_plural = _("val av e-post för notiser")

    def __str__(self) -> str:
        return f"{self.person_id}: {'digest' if self.daily_digest else 'each'}"


class ReminderRun(models.Model):
    """A day on which the daily reminders ran to the end (the scheduler enqueues once a day)."""

    day = models.DateField(unique=True)
    finished_at = models.DateTimeField(auto_now=True)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("påminnelsekörning")
        verbose_name_plural = _("påminnelsekörningar")
        ordering = ["-day"]

    def __str__(self) -> str:
        return str(self.day)


class ScheduledRun(models.Model):
    """A claim by one scheduler on one run of a periodic task (issue 18 §6).

    Several schedulers may run (one per host); each would enqueue the same run. The first to
    insert (task, slot) enqueues it, in the same transaction; the others see the unique
    constraint and enqueue nothing. `slot` names the run: the day for the daily reminders, the
    interval's number for the sweep."""

    task = models.CharField(max_length=64)
    slot = models.CharField(max_length=32)
    claimed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("schemalagd körning")
        verbose_name_plural = _("schemalagda körningar")
        constraints = [models.UniqueConstraint(fields=["task", "slot"], name="scheduled_run_once")]

    def __str__(self) -> str:
        return f"{self.task} {self.slot}"
