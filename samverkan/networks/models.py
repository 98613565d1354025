"""Networks, the municipalities that take part, the people in them and their year plans."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import Period, period_constraint
from samverkan.history.models import OfNetwork


class Network(models.Model):  # type: ignore[django-manager-missing]
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Föreslaget")
        STARTING = "starting", _("Under uppstart")
        ACTIVE = "active", _("Aktivt")
        CLOSED = "closed", _("Avslutat")

    name = models.CharField(_("namn"), max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    area = models.ForeignKey(
        "cooperation.Area",
        verbose_name=_("verksamhetsområde"),
        on_delete=models.PROTECT,
        related_name="networks",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    description = models.TextField(_("beskrivning"), blank=True)
    proposal_reason = models.TextField(_("varför nätverket behövs"), blank=True)
    proposed_on = models.DateField(_("föreslaget"), null=True, blank=True)
    started_on = models.DateField(_("startat"), null=True, blank=True)
    closed_on = models.DateField(_("avslutat"), null=True, blank=True)
    close_reason = models.TextField(_("anledning till avslut"), blank=True)
    proposed_by = models.ForeignKey(
        "people.Person",
        verbose_name=_("föreslaget av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    in_catalogue = models.BooleanField(_("visas i katalogen"), default=True)
    # Words to search: name, area and the current plan, kept by the services.
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("nätverk")
        verbose_name_plural = _("nätverk")
        ordering = ["name"]
        # The catalogue: its filter and its order by name from one index, so that a page
        # stops after its rows instead of sorting every network (issue 17).
        # The dashboard's matrix (every network not closed, by name, then id) likewise: at
        # 10,000 networks PostgreSQL sorted them all for a page of 50 (5–13 ms).
        indexes = [
            models.Index(fields=["in_catalogue", "status", "name"], name="network_catalogue"),
            models.Index(fields=["name", "id"], name="network_by_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("networks:detail", kwargs={"slug": self.slug})

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.pk}


class CurrentQuerySet[T: models.Model](models.QuerySet[T]):
    """Rows with a from/to period: those that hold on a day."""

    from_field = "joined_on"
    to_field = "left_on"

    def on(self, day: datetime.date) -> "CurrentQuerySet[T]":
        return self.filter(
            Q(**{f"{self.from_field}__isnull": False, f"{self.from_field}__lte": day}),
            Q(**{f"{self.to_field}__isnull": True}) | Q(**{f"{self.to_field}__gte": day}),
        )


class ParticipationQuerySet(CurrentQuerySet["Participation"]):
    from_field = "joined_on"
    to_field = "left_on"


class Participation(OfNetwork):
    """A municipality in a network: invited, answered, consulted, joined, left (S1, S2, P1, P2)."""

    class Answer(models.TextChoices):
        YES = "yes", _("Ja")
        NO = "no", _("Nej")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="participations")
    municipality = models.ForeignKey(
        "cooperation.Municipality", on_delete=models.PROTECT, related_name="participations"
    )
    invited_on = models.DateField(_("inbjuden"), null=True, blank=True)
    answer = models.CharField(_("svar"), max_length=3, choices=Answer.choices, blank=True)
    answered_on = models.DateField(_("svarade"), null=True, blank=True)
    consulted_on = models.DateField(_("förvaltningsledning tillfrågad"), null=True, blank=True)
    joined_on = models.DateField(_("gick med"), null=True, blank=True)
    left_on = models.DateField(_("lämnade"), null=True, blank=True)
    leave_reason = models.TextField(_("anledning"), blank=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("deltagande")
        verbose_name_plural = _("deltaganden")
        ordering = ["network", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "municipality"], name="participation_one_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=False, left_on__gte=models.F("joined_on")),
                name="participation_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} i {self.network}"


class MembershipQuerySet(CurrentQuerySet["Membership"]):
    from_field = "start_on"
    to_field = "end_on"


class Membership(OfNetwork, Period):
    """A person in a network for a municipality, in one role, over a period (N4, N6)."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Medlem")
        COORDINATOR = "coordinator", _("Samordnare")
        SECRETARY = "secretary", _("Sekreterare")
        ONBOARDING = "onboarding", _("Introduktionsansvarig")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        "cooperation.Municipality",
        verbose_name=_("för kommun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("roll"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        ordering = ["network", "role", "person__name"]
        indexes = [models.Index(fields=["network", "role", "end_on"])]
        constraints = [period_constraint("membership_end_after_start")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}) i {self.network}"


class YearPlan(OfNetwork):
    """Purpose, goals and meeting organisation for one calendar year (N1, N2, N3, S3)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ADOPTED = "adopted", _("Antagen")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="year_plans")
    year = models.PositiveIntegerField(_("år"))
    purpose = models.TextField(_("syfte"), blank=True)
    goals = models.TextField(_("målsättning"), blank=True)
    meeting_organisation = models.TextField(_("mötesorganisation"), blank=True)
    contribution = models.TextField(
        _("bidrag till samverkans syfte, vision och verksamhetsidé"), blank=True
    )
    development_areas = models.ManyToManyField(
        "cooperation.DevelopmentArea",
        verbose_name=_("utvecklingsområden"),
        blank=True,
        related_name="year_plans",
    )
    state = models.CharField(_("status"), max_length=8, choices=State.choices, default=State.DRAFT)
    adopted_on = models.DateField(_("antagen"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Optimistic locking: a save names the version it was edited from.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("årsplan")
        verbose_name_plural = _("årsplaner")
        ordering = ["network", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="year_plan_one_per_year"),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(adopted_on__isnull=False),
                name="year_plan_adopted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.year}"

    @property
    def is_adopted(self) -> bool:
        return self.state == self.State.ADOPTED

    @property
    def founding_parts_present(self) -> bool:
        """S3: a common purpose, goals and meeting organisation."""
        return bool(
            self.purpose.strip() and self.goals.strip() and self.meeting_organisation.strip()
        )


class ParticipationRequest(OfNetwork):
    """A municipality asks to join (P1) or leave (P2) an active network; the coordinator
    confirms. The request keeps who asked, when and who decided."""

    class Kind(models.TextChoices):
        JOIN = "join", _("Gå med")
        LEAVE = "leave", _("Lämna")

    class State(models.TextChoices):
        PENDING = "pending", _("Väntar på samordnaren")
        CONFIRMED = "confirmed", _("Bekräftad")
        DECLINED = "declined", _("Avböjd")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="participation_requests"
    )
    municipality = models.ForeignKey(
        "cooperation.Municipality", on_delete=models.PROTECT, related_name="participation_requests"
    )
    kind = models.CharField(_("gäller"), max_length=5, choices=Kind.choices)
    reason = models.TextField(_("anledning"), blank=True)
    requested_by = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_on = models.DateField(_("begärd"))
    state = models.CharField(
        _("status"), max_length=9, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(_("beslutad"), null=True, blank=True)

    class Meta:
        verbose_name = _("begäran om deltagande")
        verbose_name_plural = _("begäranden om deltagande")
        ordering = ["-requested_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "municipality"],
                condition=Q(state="pending"),
                name="participation_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.municipality} - {self.network}"


class Material(OfNetwork):
    """A network's material (N5): a file with a title, reviewed by the secretariat against the
    cooperation's graphic manual."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="material")
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("fil"), upload_to="material/%Y/")
    uploaded_by = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    reviewed_on = models.DateField(_("granskad mot grafiska manualen"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("material")
        ordering = ["network", "-uploaded_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def file_url(self) -> str:
        """Served by the files view, which asks who may read the network's material."""
        from samverkan.files.serving import file_url

        return file_url("files:material", self.pk, self.file)


class Question(OfNetwork):
    """ST1: a question to the secretariat about a network; the thread is its messages."""

    class Topic(models.TextChoices):
        GRAPHIC_MANUAL = "graphic_manual", _("Grafisk manual")
        PURPOSE = "purpose", _("Syfte")
        ORGANISATION = "organisation", _("Organisation")
        OTHER = "other", _("Annat")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="questions_asked"
    )
    topic = models.CharField(_("ämne"), max_length=16, choices=Topic.choices)
    subject = models.CharField(_("rubrik"), max_length=200)
    # "Fråga sekretariatet om planen" (issue 16, point 11): the year of the network's plan the
    # question is about. A year, not the plan's row: one may ask before the plan is saved.
    plan_year = models.PositiveIntegerField(_("gäller årsplanen för"), null=True, blank=True)
    created_at = models.DateTimeField(_("ställd"), auto_now_add=True)
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)

    class Meta:
        verbose_name = _("fråga till sekretariatet")
        verbose_name_plural = _("frågor till sekretariatet")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("networks:question", kwargs={"slug": self.network.slug, "pk": self.pk})


class QuestionMessage(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_secretariat = models.BooleanField(default=False)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meddelande")
        verbose_name_plural = _("meddelanden")
        ordering = ["question", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.question.network_id}


class YearPlanComment(OfNetwork):
    """The secretariat as a sounding board (ST1, "bollplank"): a comment on a draft year plan,
    read and answered by those who edit the plan. Unlike a question to the secretariat it
    belongs to the plan, so the network's history keeps it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        "people.Person", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_secretariat = models.BooleanField(default=False)
    text = models.TextField(_("kommentar"))
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)

    class Meta:
        verbose_name = _("kommentar till årsplan")
        verbose_name_plural = _("kommentarer till årsplaner")
        ordering = ["plan", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        url = reverse(
            "networks:plan_edit", kwargs={"slug": self.network.slug, "year": self.plan.year}
        )
        return f"{url}#kommentarer"
