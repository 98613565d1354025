"""A network's costs and their allocation to the participating municipalities (PR2)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.history.models import OfNetwork


class Cost(OfNetwork):
    """A cost in öre. Once invoiced it is locked: a correction is a credit (a negative cost
    that references the original and reverses its allocation) and a new cost."""

    class Phase(models.TextChoices):
        DEVELOPMENT = "development", _("Utvecklingsfas")
        OPERATION = "operation", _("Löpande verksamhet")
        OTHER = "other", _("Övrigt")

    class Method(models.TextChoices):
        POPULATION = "population", _("Efter folkmängd")
        EQUAL = "equal", _("Lika delar")
        NETWORK = "network", _("Nätverkets egen kostnad")

    class State(models.TextChoices):
        ALLOCATED = "allocated", _("Fördelad")
        UNALLOCATED = "unallocated", _("Kan inte fördelas")
        NOT_SHARED = "not_shared", _("Fördelas inte")

    network = models.ForeignKey("networks.Network", on_delete=models.PROTECT, related_name="costs")
    date = models.DateField(_("datum"))
    description = models.CharField(_("beskrivning"), max_length=300)
    amount_ore = models.BigIntegerField(_("belopp (öre)"))
    phase = models.CharField(
        _("fas"), max_length=16, choices=Phase.choices, default=Phase.DEVELOPMENT
    )
    method = models.CharField(_("fördelning"), max_length=16, choices=Method.choices)
    state = models.CharField(_("status"), max_length=16, choices=State.choices)
    # Why an allocation could not be made (PR2 warning), in Swedish.
    problem = models.TextField(_("problem"), blank=True)
    invoiced_on = models.DateField(_("fakturerad"), null=True, blank=True)
    credit_of = models.OneToOneField(
        "self",
        verbose_name=_("kreditering av"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit",
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("ersätter"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replacements",
    )
    created_by = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kostnad")
        verbose_name_plural = _("kostnader")
        ordering = ["network", "-date", "-pk"]
        indexes = [models.Index(fields=["network", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(credit_of__isnull=True, amount_ore__gt=0)
                | Q(credit_of__isnull=False, amount_ore__lt=0),
                name="cost_positive_or_credit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.description} ({self.date})"

    @property
    def is_locked(self) -> bool:
        return self.invoiced_on is not None

    @property
    def is_credit(self) -> bool:
        return self.credit_of_id is not None


class Allocation(models.Model):
    """One municipality's share of a cost, in whole öre, with the figure it was based on."""

    cost = models.ForeignKey(Cost, on_delete=models.CASCADE, related_name="allocations")
    municipality = models.ForeignKey(
        "cooperation.Municipality", on_delete=models.PROTECT, related_name="cost_allocations"
    )
    population = models.PositiveIntegerField(_("folkmängd"), null=True, blank=True)
    population_date = models.DateField(_("folkmängd per"), null=True, blank=True)
    # Which figure it was: SCB's table (e.g. BE0101N1) and the source, as they stood when the
    # cost was allocated (a later import does not rewrite an allocation, issue 14).
    population_table = models.CharField(_("folkmängd från tabell"), max_length=30, blank=True)
    population_source = models.CharField(_("folkmängd enligt"), max_length=300, blank=True)
    amount_ore = models.BigIntegerField(_("andel (öre)"))

    class Meta:
        verbose_name = _("kostnadsandel")
        verbose_name_plural = _("kostnadsandelar")
        ordering = ["cost", "municipality__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["cost", "municipality"], name="allocation_one_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.amount_ore} öre"

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.cost.network_id}
