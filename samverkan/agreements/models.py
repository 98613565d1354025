"""A network's agreement (överenskommelse) and what it governs: matters, mandates, working
groups, business plans with focus areas, chairs, onboarding tasks and the yearly review.

The rules of SPEC §2 from Socialchefsnätverket's agreement (F1 to F4, PR1 to PR3, CH1 to
CH3, CO1 to CO3) are parameters of an agreement version: off for a network without one."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.core.models import Period, period_constraint
from samverkan.history.models import OfNetwork


class Agreement(OfNetwork):
    """One per network; its content lives in its versions."""

    # No reverse accessor: the history would otherwise read it on every save of a network.
    network = models.OneToOneField("networks.Network", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("titel"), max_length=200, default="Överenskommelse")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("överenskommelse")
        verbose_name_plural = _("överenskommelser")

    def __str__(self) -> str:
        return f"{self.title}, {self.network}"


class CostSharing(models.TextChoices):
    NONE = "", _("Ingen kostnadsfördelning")
    POPULATION = "population", _("Efter invånarantal")
    EQUAL = "equal", _("Lika delar")


class AgreementVersion(models.Model):
    """One adopted revision: its text, its parameters, its date and the meeting (SPEC §2)."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    adopted_on = models.DateField(_("antagen"))
    # The meeting that adopted the version, if named. Referred to by name only: agreements sits
    # below meetings and imports nothing from it. A deleted meeting leaves the version, unlinked.
    adopted_at_meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("Antagen vid möte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("anteckning"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # F2
    min_municipalities_per_matter = models.PositiveSmallIntegerField(
        _("minsta antal kommuner per fråga"), null=True, blank=True
    )
    # PR1
    min_focus_areas = models.PositiveSmallIntegerField(
        _("minsta antal frågeområden"), null=True, blank=True
    )
    focus_area_min_share = models.DecimalField(
        _("andel kommuner per frågeområde"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    # PR2
    cost_sharing = models.CharField(
        _("kostnadsfördelning"), max_length=16, choices=CostSharing.choices, blank=True
    )
    # PR3
    onboarding_representative = models.BooleanField(
        _("särskilt utsedd representant introducerar nya kolleger"), default=False
    )
    # CH1
    meetings_per_year = models.PositiveSmallIntegerField(_("möten per år"), null=True, blank=True)
    # CH2
    chair_municipalities = models.PositiveSmallIntegerField(
        _("antal ordförandekommuner"), null=True, blank=True
    )
    chair_term_years = models.PositiveSmallIntegerField(
        _("ordförandeskapets längd i år"), null=True, blank=True
    )
    # CH3
    secretary_title = models.CharField(_("sekreterarens titel"), max_length=100, blank=True)
    # CO1
    substitutes_allowed = models.BooleanField(_("ersättare får delta"), default=True)
    # CO2
    review_at_last_meeting = models.BooleanField(
        _("utvärderas och revideras vid årets sista möte"), default=False
    )
    # CO3
    business_plan_required = models.BooleanField(_("verksamhetsplan inför varje år"), default=False)

    class Meta:
        verbose_name = _("version av överenskommelse")
        verbose_name_plural = _("versioner av överenskommelser")
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"], name="agreement_version_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(focus_area_min_share__isnull=True)
                | Q(focus_area_min_share__gte=0, focus_area_min_share__lte=1),
                name="agreement_version_share_in_unit_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.agreement.network_id}


class Chairmanship(OfNetwork):
    """CH2: the chair municipalities of a network for a term starting with `year`."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="chairmanships"
    )
    year = models.PositiveIntegerField(_("år"))
    term_years = models.PositiveSmallIntegerField(_("antal år"), default=1)
    appointed_on = models.DateField(_("utsedda"))
    municipalities = models.ManyToManyField(
        "cooperation.Municipality",
        through="ChairMunicipality",
        related_name="chairmanships",
        verbose_name=_("ordförandekommuner"),
    )

    class Meta:
        verbose_name = _("ordförandeskap")
        verbose_name_plural = _("ordförandeskap")
        ordering = ["network", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="chairmanship_one_per_year"),
            models.CheckConstraint(condition=Q(term_years__gte=1), name="chairmanship_term_min"),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.year}"

    @property
    def last_year(self) -> int:
        return self.year + self.term_years - 1

    def covers(self, year: int) -> bool:
        return self.year <= year <= self.last_year


class ChairMunicipality(models.Model):
    """One chair municipality of a term, with the person who chairs for it (optional)."""

    chairmanship = models.ForeignKey(Chairmanship, on_delete=models.CASCADE, related_name="chairs")
    municipality = models.ForeignKey(
        "cooperation.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ordförandekommun")
        verbose_name_plural = _("ordförandekommuner")
        ordering = ["chairmanship", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["chairmanship", "municipality"], name="chair_municipality_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} ({self.chairmanship})"

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.chairmanship.network_id}


class BusinessPlan(OfNetwork):
    """Verksamhetsplan for one year (PR1, CO3)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        ADOPTED = "adopted", _("Antagen")

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="business_plans"
    )
    year = models.PositiveIntegerField(_("år"))
    summary = models.TextField(_("sammanfattning"), blank=True)
    state = models.CharField(_("status"), max_length=8, choices=State.choices, default=State.DRAFT)
    adopted_on = models.DateField(_("antagen"), null=True, blank=True)

    class Meta:
        verbose_name = _("verksamhetsplan")
        verbose_name_plural = _("verksamhetsplaner")
        ordering = ["network", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="business_plan_one_per_year"),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(adopted_on__isnull=False),
                name="business_plan_adopted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.year}"

    @property
    def is_adopted(self) -> bool:
        return self.state == self.State.ADOPTED


class FocusArea(models.Model):
    """Frågeområde of a business plan, with the municipalities that cooperate on it (PR1)."""

    business_plan = models.ForeignKey(
        BusinessPlan, on_delete=models.CASCADE, related_name="focus_areas"
    )
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    municipalities = models.ManyToManyField(
        "cooperation.Municipality",
        verbose_name=_("samverkande kommuner"),
        related_name="focus_areas",
        blank=True,
    )

    class Meta:
        verbose_name = _("frågeområde")
        verbose_name_plural = _("frågeområden")
        ordering = ["business_plan", "name"]
        constraints = [
            models.UniqueConstraint(fields=["business_plan", "name"], name="focus_area_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.business_plan.network_id}


class WorkingGroup(OfNetwork, Period):
    """F4: a working group with a contact person who is a member of the network."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="working_groups"
    )
    name = models.CharField(_("namn"), max_length=200)
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("frågeområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="working_groups",
    )
    contact = models.ForeignKey(
        "people.Person",
        verbose_name=_("kontaktperson"),
        on_delete=models.PROTECT,
        related_name="contact_for_groups",
    )
    members = models.ManyToManyField(
        "people.Person", verbose_name=_("deltagare"), related_name="working_groups", blank=True
    )

    class Meta:
        verbose_name = _("arbetsgrupp")
        verbose_name_plural = _("arbetsgrupper")
        ordering = ["network", "name"]
        constraints = [period_constraint("working_group_end_after_start")]

    def __str__(self) -> str:
        return self.name


class Matter(OfNetwork):
    """F1: a matter (fråga) raised by a municipality or by the network."""

    class Status(models.TextChoices):
        RAISED = "raised", _("Väckt")
        IN_PREPARATION = "in_preparation", _("Under beredning")
        REFERRED = "referred_to_municipalities", _("Överlämnad till kommunerna")
        CLOSED = "closed", _("Avslutad")

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="matters"
    )
    title = models.CharField(_("rubrik"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    # Null: raised by the network itself (F1).
    raised_by = models.ForeignKey(
        "cooperation.Municipality",
        verbose_name=_("väckt av kommun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="raised_matters",
    )
    concerned = models.ManyToManyField(
        "cooperation.Municipality",
        verbose_name=_("berörda kommuner"),
        related_name="concerning_matters",
    )
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.RAISED
    )
    with_region = models.BooleanField(_("fråga med regionen"), default=False)
    organisations = models.ManyToManyField(
        "cooperation.Organisation",
        verbose_name=_("externa organisationer"),
        related_name="matters",
        blank=True,
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("frågeområde"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matters",
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("arbetsgrupp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matters",
    )
    raised_on = models.DateField(_("väckt"))
    status_changed_on = models.DateField(_("status ändrad"), null=True, blank=True)

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["network", "-raised_on", "title"]

    def __str__(self) -> str:
        return self.title


class Mandate(OfNetwork, Period):
    """F3: the network mandates people to represent the concerned municipalities in an arena."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="mandates"
    )
    matter = models.ForeignKey(
        Matter, null=True, blank=True, on_delete=models.CASCADE, related_name="mandates"
    )
    arena = models.CharField(_("arena"), max_length=200)
    organisation = models.ForeignKey(
        "cooperation.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mandates",
    )
    people = models.ManyToManyField(
        "people.Person", verbose_name=_("företrädare"), related_name="mandates"
    )
    represents = models.ManyToManyField(
        "cooperation.Municipality", verbose_name=_("företräder"), related_name="mandates"
    )

    class Meta:
        verbose_name = _("uppdrag")
        verbose_name_plural = _("uppdrag")
        ordering = ["network", "-start_on"]
        constraints = [period_constraint("mandate_end_after_start")]

    def __str__(self) -> str:
        return self.arena


class OnboardingTask(OfNetwork):
    """PR3: introduce and invite a new member; reminded after 14 days while open."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="onboarding_tasks"
    )
    membership = models.ForeignKey(
        "networks.Membership", on_delete=models.CASCADE, related_name="onboarding_tasks"
    )
    representative = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboarding_tasks",
    )
    created_on = models.DateField(_("skapad"))
    due_on = models.DateField(_("senast"))
    done_on = models.DateField(_("klar"), null=True, blank=True)
    reminded_on = models.DateField(_("påmind"), null=True, blank=True)

    class Meta:
        verbose_name = _("introduktionsuppgift")
        verbose_name_plural = _("introduktionsuppgifter")
        ordering = ["network", "done_on", "due_on"]
        constraints = [
            models.UniqueConstraint(fields=["membership"], name="onboarding_one_per_membership")
        ]

    def __str__(self) -> str:
        return f"{self.membership.person}, {self.network}"

    @property
    def is_open(self) -> bool:
        return self.done_on is None


class AgreementReview(OfNetwork):
    """CO2: the yearly evaluation of the agreement at the last meeting of the year."""

    class Outcome(models.TextChoices):
        EVALUATED = "evaluated", _("Utvärderad")
        REVISED = "revised", _("Reviderad")
        UNCHANGED = "confirmed_unchanged", _("Bekräftad oförändrad")

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="agreement_reviews"
    )
    year = models.PositiveIntegerField(_("år"))
    outcome = models.CharField(_("utfall"), max_length=24, choices=Outcome.choices)
    held_on = models.DateField(_("datum"))
    # The meeting whose minutes recorded the review, if any; a deleted meeting leaves the review.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("möte"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.ForeignKey(
        AgreementVersion,
        verbose_name=_("ny version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
    )
    note = models.TextField(_("anteckning"), blank=True)

    class Meta:
        verbose_name = _("årlig översyn")
        verbose_name_plural = _("årliga översyner")
        ordering = ["network", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year"], name="agreement_review_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.year}: {self.get_outcome_display()}"
