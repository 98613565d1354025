"""The cooperation's retention decisions (gallringsbeslut) and the record of each person's
ending (issue 15, §2 and §3).

Names in minutes, attendance lists, matters and the history are public records under the
Archives Act (arkivlagen): ending a person keeps them, and only a retention decision removes
them. Every setting here is "keep" (empty) by default, the safe choice for public records,
except the one survey anonymity needs: the invitations of a closed round (who was invited
for which network) are removed once the round has closed (SPEC §6, P4/ST2)."""

from typing import Any

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Survey invitations are removed this many days after their round closed, by default.
SURVEY_INVITATIONS_DEFAULT_DAYS = 0


class RetentionPolicy(models.Model):
    """One row for the instance (pk 1): the cooperation's retention decisions, each a period
    after which the daily job removes a kind of record, or empty to keep it."""

    notices_months = models.PositiveSmallIntegerField(
        _("meddelanden gallras efter (månader)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1200)],
        help_text=_("Meddelanden i inkorgen och utkorgen. Tomt: sparas."),
    )
    survey_invitations_days = models.PositiveSmallIntegerField(
        _("enkätinbjudningar gallras dagar efter att omgången stängt"),
        null=True,
        blank=True,
        default=SURVEY_INVITATIONS_DEFAULT_DAYS,
        validators=[MaxValueValidator(3660)],
        help_text=_(
            "Vilka som bjöds in för vilket nätverk. 0: när omgången har stängt, vilket "
            "enkätsvarens anonymitet kräver. Tomt: sparas."
        ),
    )
    inactive_accounts_months = models.PositiveSmallIntegerField(
        _("inaktiva konton stängs efter (månader)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1200)],
        help_text=_(
            "Ett konto som inte har loggat in på så här länge stängs. Personen och "
            "personens roller finns kvar. Tomt: stängs inte."
        ),
    )
    names_in_records_years = models.PositiveSmallIntegerField(
        _("namn i handlingar ersätts efter (år)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "År efter att en person avslutats ersätts personens namn i protokoll, närvarolistor, "
            "frågor och historik med ”Person 123”. Tomt: namnen finns kvar."
        ),
    )
    decision = models.CharField(
        _("beslut"),
        max_length=300,
        blank=True,
        help_text=_("Gallringsbeslutet som inställningarna bygger på, t.ex. diarienummer."),
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("gallringsbeslut")
        verbose_name_plural = _("gallringsbeslut")

    def __str__(self) -> str:
        return str(_("Gallringsbeslut"))

    @classmethod
    def current(cls) -> "RetentionPolicy":
        """The instance's decisions; the defaults (unsaved) until the secretariat saves some."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)


class PersonEnding(models.Model):
    """That a person was ended (GDPR art. 17 within arkivlagen): when, by whom and why, and
    when a retention decision replaced their name with a pseudonym. Person.anonymised_on holds
    the same day, which the rooms below read to leave an ended person out."""

    person = models.OneToOneField(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="ending"
    )
    ended_on = models.DateField(_("avslutad"))
    reason = models.TextField(_("anledning"))
    ended_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("avslutad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pseudonymised_on = models.DateField(_("namnet ersatt"), null=True, blank=True)

    class Meta:
        verbose_name = _("avslutad person")
        verbose_name_plural = _("avslutade personer")
        ordering = ["-ended_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} ({self.ended_on})"


class RetentionRemoval(models.Model):
    """What one run of the daily job removed of one kind: the count, recorded in the history
    (the rows removed are gone, and survey invitations are never in the history at all)."""

    class Kind(models.TextChoices):
        NOTICES = "notices", _("Meddelanden")
        SURVEY_INVITATIONS = "survey_invitations", _("Enkätinbjudningar")
        INACTIVE_ACCOUNTS = "inactive_accounts", _("Inaktiva konton")
        NAMES = "names", _("Namn i handlingar")

    day = models.DateField(_("dag"), db_index=True)
    kind = models.CharField(_("slag"), max_length=24, choices=Kind.choices)
    count = models.PositiveIntegerField(_("antal"))
    created_at = models.DateTimeField(_("utförd"), auto_now_add=True)

    class Meta:
        verbose_name = _("gallring")
        verbose_name_plural = _("gallringar")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()}: {self.count}"

    def get_additional_data(self) -> dict[str, Any]:
        return {"kind": self.kind, "count": self.count}
