"""The quality survey (P4, ST2): rounds, their questions, who was invited and what was
answered. Invitations (who may answer, whether they have) are kept apart from responses (what
was answered) so that no answer can be traced to a person (SPEC §3, §6)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SurveyRound(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SCHEDULED = "scheduled", _("Öppnar på öppningsdagen")
        OPEN = "open", _("Öppen")
        CLOSED = "closed", _("Stängd")

    title = models.CharField(_("rubrik"), max_length=200)
    intro = models.TextField(_("inledning"), blank=True)
    opens_on = models.DateField(_("öppnar"))
    closes_on = models.DateField(_("stänger"))
    state = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    opened_on = models.DateField(_("öppnades"), null=True, blank=True)
    closed_on = models.DateField(_("stängdes"), null=True, blank=True)
    results_sent_on = models.DateField(_("resultat skickade"), null=True, blank=True)
    created_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("enkätomgång")
        verbose_name_plural = _("enkätomgångar")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="survey_round_period"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Skala 1–5")
        CHOICE = "choice", _("Ett val")
        TEXT = "text", _("Fritext")

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="questions")
    # Stable across rounds, so that a round is compared with the previous one question by
    # question (e.g. "value", "meetings").
    key = models.SlugField(_("nyckel"), max_length=50)
    order = models.PositiveSmallIntegerField(_("ordning"), default=0)
    kind = models.CharField(_("typ"), max_length=8, choices=Kind.choices)
    text = models.CharField(pgettext_lazy("survey", "fråga"), max_length=500)
    choices = models.JSONField(_("svarsalternativ"), default=list, blank=True)
    # Issue 16, point 14: what the ends of a scale mean, in the question's own words ("inte
    # alls" … "helt och hållet"), not one "mycket dåligt … mycket bra" for every question.
    scale_low = models.CharField(_("1 betyder"), max_length=100, blank=True)
    scale_high = models.CharField(_("5 betyder"), max_length=100, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("survey", "fråga")
        verbose_name_plural = pgettext_lazy("survey", "frågor")
        ordering = ["round", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "key"], name="question_unique_key")]

    def __str__(self) -> str:
        return self.text


class RoundNetwork(models.Model):
    """A network covered by a round, with how many were invited (for the response rate)."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="coverage")
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="survey_coverage"
    )
    invited = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "network"], name="round_network_unique")
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.network_id}"


class Invitation(models.Model):
    """Who may answer for a network: never whether they have, nor what they answered. A used
    link leaves a UsedLink marker that only the secret key joins to its invitation."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="invitations")
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="survey_invitations"
    )
    # The link's token is derived from this nonce and the secret key; only its keyed hash is
    # looked up, so the database alone cannot produce a working link (tokens.py).
    nonce = models.CharField(max_length=64, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "network", "person"], name="invitation_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.person_id}"


class UsedLink(models.Model):
    """A personal link that was used: an HMAC of its invitation's nonce under the secret key,
    and the round. Nothing joins it to its invitation, its network or a time without the key;
    its primary key is the marker itself, so not even a sequence tells the order of use. The
    markers of a round are deleted when it closes: then no link works anyway (SPEC §6)."""

    marker = models.CharField(max_length=64, primary_key=True)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["marker"]

    def __str__(self) -> str:
        return self.marker[:8]


class SealedResponse(models.Model):
    """An answer given while its round is open: encrypted under the secret key, padded to one
    length per round and without a time, with its network in clear for the response rate.
    When the round closes, the answers are opened and stored as Responses in a random order,
    with new ids, and these rows are deleted; so no copy of the database taken before and
    after one answer shows what was answered (SPEC §6)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    sealed = models.TextField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.id)


class Response(models.Model):
    """What was answered, for a round and a network, and nothing else: no person, no
    invitation, no address, no time finer than its round, and a random (not sequential) id."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="responses")
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    # {question key: 1..5 | choice | text}
    answers = models.JSONField(default=dict)

    class Meta:
        # Never ordered by anything that follows the order of answering.
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.id)


class DirectorsGroupMember(models.Model):
    """Kommundirektörsgruppen: who receives survey results and the yearly report, kept by the
    secretariat."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="directors_group"
    )
    added_on = models.DateField(_("tillagd"), auto_now_add=True)

    class Meta:
        verbose_name = _("mottagare i kommundirektörsgruppen")
        verbose_name_plural = _("kommundirektörsgruppen")
        ordering = ["person__name"]

    def __str__(self) -> str:
        return str(self.person)
