"""The history of every change: one table for every entity (STYLE habit 3).

django-auditlog records the old and new values of every save, from a service or the admin;
this model adds the verb a service names and the network an entry belongs to, so that a
network's page can show its whole history with one indexed query."""

from auditlog.models import AbstractLogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _


class HistoryEntry(AbstractLogEntry):
    verb = models.CharField(_("åtgärd"), max_length=64, blank=True, db_index=True)
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("nätverk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="history_entries",
    )

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("historikpost")
        verbose_name_plural = _("historik")
        indexes = [models.Index(fields=["network", "-timestamp"])]


class OfNetwork(models.Model):
    """A row that belongs to one network. Every change of it is filed under that network: the
    receiver reads `network_id` from the entry's additional data, so that the network's page
    shows its whole history with one indexed query. A row that reaches its network through
    another row (a meeting's agenda item) names that way in its own get_additional_data."""

    network_id: int

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict[str, int]:
        return {"network_id": self.network_id}
