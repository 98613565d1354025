"""Stored verdicts (issue 17): the current verdict of every network, rule and year, kept true by
the system instead of being recomputed by every page.

- `StoredVerdict`: one row per (network, year, rule), written by compliance/stored.py after a
  change (the task queue) and every night; pages read these rows.
- `VerdictMark`: "this network's stored verdicts may be stale", written in the same transaction
  as the change that makes them so (compliance/marks.py). A mark without a network marks every
  network (a change to the development plan or the municipalities).
- `VerdictRun`: one refresh of every network (nightly or `manage.py compliance --refresh`); an
  unfinished one is resumed by the next refresh."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from samverkan.compliance.registry import Status


class StoredVerdict(models.Model):
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("nätverk"),
        on_delete=models.CASCADE,
        related_name="stored_verdicts",
    )
    rule_id = models.CharField(_("regel"), max_length=16)
    year = models.PositiveSmallIntegerField(_("år"))
    status = models.CharField(
        _("utfall"), max_length=16, choices=[(s.value, s.value) for s in Status]
    )
    # The explanation in every language of settings.LANGUAGES: {"sv": "...", "en": "..."}.
    explanation = models.JSONField(_("förklaring"), default=dict)
    fix_url = models.CharField(_("länk"), max_length=300, blank=True)
    as_of = models.DateField(_("bedömt per"))
    computed_at = models.DateTimeField(_("beräknat"))

    class Meta:
        verbose_name = _("lagrat utfall")
        verbose_name_plural = _("lagrade utfall")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year", "rule_id"], name="stored_verdict_unique"
            )
        ]
        indexes = [
            # Covering for the dashboard's counts and its oldest computation (one GROUP BY
            # that never reads the table) and for the duty lists' counts (issue 17).
            models.Index(
                fields=["year", "rule_id", "status", "network", "computed_at"],
                name="stored_verdict_counts",
            ),
            models.Index(fields=["year", "network"], name="stored_verdict_network"),
        ]

    def __str__(self) -> str:
        return f"{self.network_id} {self.year} {self.rule_id}: {self.status}"

    def text(self) -> str:
        """The explanation in the active language, else in the site's own."""
        texts = self.explanation or {}
        return texts.get(translation.get_language() or "") or texts.get(settings.LANGUAGE_CODE, "")


class VerdictMark(models.Model):
    # A plain column, not a foreign key: marks are written from history receivers, also for
    # rows deleted together with their network, where a key to the vanishing network would
    # fail at commit. A mark of a network that no longer exists is simply dropped by the task.
    # Empty: every network (rare; should two appear at once, readers take the newest).
    network_id = models.IntegerField(_("nätverk"), unique=True, null=True, blank=True)
    marked_at = models.DateTimeField(_("markerat"))

    class Meta:
        verbose_name = _("markering för ny bedömning")
        verbose_name_plural = _("markeringar för ny bedömning")

    def __str__(self) -> str:
        return f"{self.network_id or '*'} {self.marked_at:%Y-%m-%d %H:%M:%S}"


class VerdictRun(models.Model):
    class Kind(models.TextChoices):
        NIGHTLY = "nightly", _("Nattlig")
        REFRESH = "refresh", _("Manuell")
        COOPERATION = "cooperation", _("Hela samverkan ändrad")

    kind = models.CharField(_("slag"), max_length=16, choices=Kind.choices)
    started_at = models.DateTimeField(_("startad"))
    # Written after every batch: a run that has not moved for a while was killed.
    updated_at = models.DateTimeField(_("senast framåt"))
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    networks = models.PositiveIntegerField(_("nätverk"), default=0)
    # Networks are refreshed in the order of their ids: where a killed run resumes.
    last_network_id = models.BigIntegerField(_("senast klara nätverk"), default=0)
    peak_rss_kb = models.PositiveIntegerField(_("högsta minne (kB)"), default=0)

    class Meta:
        verbose_name = _("omräkning")
        verbose_name_plural = _("omräkningar")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.started_at:%Y-%m-%d %H:%M}"


class VerdictsVersion(models.Model):
    """One row: a number that every write of stored verdicts raises, last in its transaction
    (compliance/stored.py), so that what is read from the stored rows (the dashboard's counts
    and duty lists) can be kept under it and is current while it stays the same."""

    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("version av de lagrade utfallen")
        verbose_name_plural = _("versioner av de lagrade utfallen")

    def __str__(self) -> str:
        return str(self.version)
