"""The cooperation itself: its name and graphic profile, its development plans, its member
municipalities with their population figures, and organisations outside it."""

import datetime

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Ange färgen som #RRGGBB."))


class Cooperation(models.Model):
    """One per instance: nothing in the code assumes which cooperation it is (SPEC intro)."""

    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=50)
    logo = models.FileField(_("logotyp"), upload_to="branding/", blank=True)
    primary_colour = models.CharField(
        _("huvudfärg"), max_length=7, default="#00476b", validators=[hex_colour]
    )
    accent_colour = models.CharField(
        _("accentfärg"), max_length=7, default="#c8102e", validators=[hex_colour]
    )
    agreement_text = models.TextField(_("samarbetsavtal"), blank=True)
    purpose = models.TextField(_("syfte"), blank=True)
    graphic_manual_url = models.URLField(_("länk till grafisk manual"), blank=True)
    publish_catalogue = models.BooleanField(
        _("katalogen är öppen för allmänheten"),
        default=False,
        help_text=_("Utan kontaktuppgifter. Inloggade läsare ser alltid katalogen."),
    )
    secretariat_email = models.EmailField(_("sekretariatets e-post"), blank=True)

    class Meta:
        verbose_name = _("samverkan")
        verbose_name_plural = _("samverkan")

    def __str__(self) -> str:
        return self.name

    @property
    def logo_url(self) -> str:
        """The logo, served (to anyone) by the files view."""
        from samverkan.files.serving import file_url

        return file_url("files:logo", self.pk, self.logo)

    @classmethod
    def current(cls) -> "Cooperation":
        obj = cls.objects.order_by("pk").first()
        if obj is None:
            obj = cls.objects.create(name="Samverkan", short_name="Samverkan")
        return obj


class DevelopmentPlan(models.Model):
    cooperation = models.ForeignKey(
        Cooperation, on_delete=models.CASCADE, related_name="development_plans"
    )
    title = models.CharField(_("titel"), max_length=200)
    start_year = models.PositiveIntegerField(_("från år"))
    end_year = models.PositiveIntegerField(_("till år"))
    vision = models.TextField(_("vision"))
    business_idea = models.TextField(_("verksamhetsidé"))

    class Meta:
        verbose_name = _("utvecklingsplan")
        verbose_name_plural = _("utvecklingsplaner")
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="development_plan_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.start_year}–{self.end_year}"


class DevelopmentArea(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(_("namn"), max_length=100)
    slug = models.SlugField(max_length=100)
    description = models.TextField(_("beskrivning"), blank=True)
    goal = models.CharField(_("mål"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("utvecklingsområde")
        verbose_name_plural = _("utvecklingsområden")
        ordering = ["plan", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "slug"], name="development_area_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A field of municipal work (social services, IT, libraries …), used to group networks
    and to find the management (förvaltningsledning) to consult."""

    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        verbose_name = _("verksamhetsområde")
        verbose_name_plural = _("verksamhetsområden")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def members_on(self, day: datetime.date) -> "MunicipalityQuerySet":
        return self.filter(
            Q(member_from__isnull=True) | Q(member_from__lte=day),
            Q(member_to__isnull=True) | Q(member_to__gte=day),
        )


class Municipality(models.Model):
    code = models.CharField(
        _("kommunkod"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Kommunkoden är fyra siffror (SCB)."))],
    )
    name = models.CharField(_("namn"), max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    member_from = models.DateField(_("medlem från"), null=True, blank=True)
    member_to = models.DateField(_("medlem till"), null=True, blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def is_member_on(self, day: datetime.date) -> bool:
        return (self.member_from is None or self.member_from <= day) and (
            self.member_to is None or self.member_to >= day
        )


class PopulationFigure(models.Model):
    """One municipality's population on a reference date (SCB's BE0101N1 counts the
    population on 31 December each year), with where the figure came from: the SCB table,
    the period as SCB names it, the source, and the file and time it was imported from, so
    that a cost's allocation can say which figures it used (PR2)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="population_figures"
    )
    date = models.DateField(_("datum"), help_text=_("Referensdatum, t.ex. 31 december."))
    population = models.PositiveIntegerField(_("folkmängd"), validators=[MinValueValidator(0)])
    source = models.CharField(_("källa"), max_length=300)
    table = models.CharField(
        _("tabell"), max_length=30, blank=True, help_text=_("SCB:s tabell, t.ex. BE0101N1.")
    )
    period = models.CharField(
        _("period"), max_length=10, blank=True, help_text=_("SCB:s tidsperiod, t.ex. 2024.")
    )
    source_file = models.CharField(_("importerad från fil"), max_length=255, blank=True)
    imported_at = models.DateTimeField(_("importerad"), null=True, blank=True)

    class Meta:
        verbose_name = _("folkmängd")
        verbose_name_plural = _("folkmängder")
        ordering = ["municipality", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "date"], name="population_one_figure_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.population} ({self.date})"


class Organisation(models.Model):
    """An organisation outside the cooperation, e.g. Region Skåne (F1, F3)."""

    name = models.CharField(_("namn"), max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    is_region = models.BooleanField(_("är regionen"), default=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ManagementContact(models.Model):
    """Förvaltningsledning: who to consult in a municipality for an area (S2, C1)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="management_contacts"
    )
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="management_contacts")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="management_roles"
    )

    class Meta:
        verbose_name = _("förvaltningsledning")
        verbose_name_plural = _("förvaltningsledningar")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "area", "person"], name="management_contact_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} – {self.area}: {self.person}"


class AccessibilityStatement(models.Model):
    """The accessibility statement (DOS-lagen, lag 2018:1937; DIGG's model statement): one per
    cooperation, kept by the secretariat. A blank text shows the default written for this
    system (cooperation/accessibility/defaults.py), so the page is complete from day one."""

    class Compliance(models.TextChoices):
        FULL = "full", _("Helt förenlig")
        PARTIAL = "partial", _("Delvis förenlig")
        NOT = "not", _("Inte förenlig")

    cooperation = models.OneToOneField(
        Cooperation, on_delete=models.CASCADE, related_name="accessibility_statement"
    )
    provider = models.TextField(_("vem som tillhandahåller tjänsten"), blank=True)
    compliance = models.CharField(
        _("förenlighet med EN 301 549 / WCAG 2.1 AA"),
        max_length=16,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    known_issues = models.TextField(_("innehåll som inte är tillgängligt och varför"), blank=True)
    report = models.TextField(_("hur man rapporterar brister"), blank=True)
    enforcement = models.TextField(_("tillsyn"), blank=True)
    assessment = models.TextField(_("hur tjänsten har granskats"), blank=True)
    assessed_on = models.DateField(_("granskades senast"), null=True, blank=True)
    updated_on = models.DateField(_("redogörelsen uppdaterades"), null=True, blank=True)

    class Meta:
        verbose_name = _("tillgänglighetsredogörelse")
        verbose_name_plural = _("tillgänglighetsredogörelser")

    def __str__(self) -> str:
        return str(_("Tillgänglighetsredogörelse"))


class AccessibilityReport(models.Model):
    """A problem with the service's accessibility, reported through the statement's form; it
    reaches the secretariat as a notice (cooperation/accessibility/services.py)."""

    page = models.CharField(_("sidan det gäller"), max_length=500, blank=True)
    description = models.TextField(_("beskrivning"))
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    reported_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rapporterad av"),
    )
    reported_at = models.DateTimeField(_("rapporterad"), auto_now_add=True)

    class Meta:
        verbose_name = _("rapport om tillgänglighet")
        verbose_name_plural = _("rapporter om tillgänglighet")
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return f"{self.reported_at:%Y-%m-%d}: {self.description[:60]}"
