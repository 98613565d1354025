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
