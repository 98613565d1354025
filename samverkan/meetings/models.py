"""Meetings of a network: when and where, the agenda, the minutes, attachments, who attended,
and the secret addresses of calendar feeds (SPEC §3 Meeting; rules CH1, CO1, CO2, P3)."""

import datetime
import hashlib
import secrets
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.history.models import OfNetwork

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def new_uid() -> str:
    """A meeting's iCalendar UID: made once and never changed, so that calendars update the
    same event when the meeting moves or is cancelled (RFC 5545 §3.8.4.7)."""
    return f"{uuid.uuid4()}@samverkan"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def in_year(self, year: int) -> "MeetingQuerySet":
        """Meetings whose start falls in a calendar year in Stockholm time."""
        start = datetime.datetime(year, 1, 1, tzinfo=STOCKHOLM)
        end = datetime.datetime(year + 1, 1, 1, tzinfo=STOCKHOLM)
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def planned(self) -> "MeetingQuerySet":
        return self.filter(status=Meeting.Status.PLANNED)


class Meeting(OfNetwork):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planerat")
        CANCELLED = "cancelled", _("Inställt")

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("rubrik"), max_length=200, blank=True)
    # Aware datetimes; Django stores them in UTC (STYLE: datetimes stored in UTC).
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    place = models.CharField(_("plats"), max_length=300, blank=True)
    host = models.ForeignKey(
        "cooperation.Municipality",
        verbose_name=_("värdkommun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_meetings",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    cancel_reason = models.TextField(_("anledning till att mötet ställdes in"), blank=True)
    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    # iCalendar SEQUENCE: raised on every change a calendar must take over (move, cancel).
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["network", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        local = self.starts_at.astimezone(STOCKHOLM)
        return f"{self.network} {local:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("meetings:detail", kwargs={"slug": self.network.slug, "pk": self.pk})

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def local_start(self) -> datetime.datetime:
        return self.starts_at.astimezone(STOCKHOLM)

    @property
    def local_end(self) -> datetime.datetime:
        return self.ends_at.astimezone(STOCKHOLM)

    @property
    def display_title(self) -> str:
        return self.title or str(_("Möte i %(network)s") % {"network": self.network.name})


class AgendaItem(models.Model):
    """One item of a meeting's ordered agenda. The items the agreement asks of the year's last
    meeting carry a kind, so that they are added once and their outcome can be found (CO2,
    CO3, CH2)."""

    class Kind(models.TextChoices):
        ORDINARY = "", _("Vanlig punkt")
        AGREEMENT_REVIEW = "agreement_review", _("Utvärdering och revidering av överenskommelsen")
        BUSINESS_PLAN = "business_plan", _("Verksamhetsplan för nästa år")
        CHAIRS = "chairs", _("Ordförandeskap för nästa år")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default="", blank=True)
    # What the meeting decided on the item, written in the minutes.
    outcome = models.TextField(_("beslut/resultat"), blank=True)
    # CO2 only: how the review ended, as the agreements app records it (AgreementReview.Outcome).
    review_outcome = models.CharField(_("översynens utfall"), max_length=24, blank=True)

    class Meta:
        verbose_name = _("dagordningspunkt")
        verbose_name_plural = _("dagordningspunkter")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind"],
                condition=~Q(kind=""),
                name="agenda_item_one_special_kind_per_meeting",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.meeting.network_id}


class Minutes(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        APPROVED = "approved", _("Justerat")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("protokoll"), blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default="draft")
    approved_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(_("justerat"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("protokoll")
        verbose_name_plural = _("protokoll")
        constraints = [
            models.CheckConstraint(
                condition=Q(state="draft") | Q(approved_at__isnull=False),
                name="minutes_approved_has_time",
            )
        ]

    def __str__(self) -> str:
        return f"Protokoll {self.meeting}"

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.meeting.network_id}

    @property
    def is_approved(self) -> bool:
        return self.state == self.State.APPROVED


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"meetings/{instance.meeting.network_id}/{instance.meeting_id}/{filename}"


class Attachment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("rubrik"), max_length=200)
    file = models.FileField(_("fil"), upload_to=attachment_path)
    uploaded_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bilaga")
        verbose_name_plural = _("bilagor")
        ordering = ["meeting", "uploaded_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def file_url(self) -> str:
        """Served by the files view, which asks the meeting's readers (members)."""
        from samverkan.files.serving import file_url

        return file_url("files:attachment", self.pk, self.file)

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.meeting.network_id}


class Attendance(models.Model):
    """A person on a meeting's attendance list (P3). `substitute` is true when the person was
    not a member of the network on the meeting's day: where the agreement allows no
    substitutes this is refused (CO1); where it allows them it is recorded as such."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Närvarande")
        ABSENT = "absent", _("Frånvarande")
        EXCUSED = "excused", _("Anmält förhinder")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="attendances"
    )
    municipality = models.ForeignKey(
        "cooperation.Municipality",
        verbose_name=_("för kommun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    status = models.CharField(_("närvaro"), max_length=10, choices=Status.choices)
    substitute = models.BooleanField(_("ersättare"), default=False)
    recorded_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_one_per_person_and_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.meeting.network_id}


class CalendarFeed(models.Model):
    """The secret address of one person's calendar feed: of their own meetings (no network) or
    of one network's (issue 13: per person, so it ends when they leave the network). Only a
    hash of the secret is kept: the address is shown once, when it is made. A revoked, expired
    or unknown secret answers 404 alike; renewing revokes the old one and makes a new one."""

    network = models.ForeignKey(
        "networks.Network",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    # Empty only on the shared network feeds from before issue 13, all revoked.
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_on = models.DateField(
        _("gäller till och med"),
        null=True,
        blank=True,
        help_text=_("Tomt: gäller tills adressen byts eller spärras."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kalenderflöde")
        verbose_name_plural = _("kalenderflöden")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(revoked_at__isnull=False),
                name="calendar_feed_live_has_person",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(revoked_at__isnull=True, network__isnull=True),
                name="calendar_feed_one_live_per_person",
            ),
            models.UniqueConstraint(
                fields=["network", "person"],
                condition=Q(revoked_at__isnull=True, network__isnull=False),
                name="calendar_feed_one_live_per_network_and_person",
            ),
        ]

    def __str__(self) -> str:
        if self.network_id:
            return f"Kalender {self.network} ({self.person})"
        return f"Kalender {self.person}"

    def get_additional_data(self) -> dict[str, int | None]:
        return {"network_id": self.network_id}

    def has_expired(self, today: datetime.date) -> bool:
        return self.expires_on is not None and self.expires_on < today


def hash_feed_token(token: str) -> str:
    """Only this digest of a feed's secret is stored (as for API tokens)."""
    return hashlib.sha256(token.encode()).hexdigest()


def feed_url(token: str) -> str:
    """The full secret address of a feed, from its plain secret (known only when made)."""
    from django.urls import reverse

    return settings.SITE_URL.rstrip("/") + reverse("meetings:feed", kwargs={"token": token})
