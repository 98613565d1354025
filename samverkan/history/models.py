"""The history of every change: one table for every entity (STYLE habit 3).

django-auditlog records the old and new values of every save, from a service or the admin;
this model adds the verb a service names and the network an entry belongs to, so that a
network's page can show its whole history with one indexed query."""

from auditlog.models import AbstractLogEntry
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class HistoryEntry(AbstractLogEntry):
    verb = models.CharField(_("åtgärd"), max_length=64, blank=True, db_index=True)
    # Issue 13, part 6: a change made through a personal e-mailed link, without signing in,
    # names the person the link was sent to ("Namn <e-post>"). The link, not a sign-in, is
    # what vouches for them, so `actor` stays empty unless someone was signed in as well.
    via_link_for = models.CharField(_("via e-postlänk för"), max_length=254, blank=True)
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
        indexes = [
            models.Index(fields=["network", "-timestamp"]),
            # The newest entry about one model's rows (history/fragments.py data_version).
            models.Index(fields=["content_type", "id"], name="history_by_model"),
        ]

    @property
    def who(self) -> str:
        """Who made the change, as the history shows it: the account signed in, or "via
        e-postlänk för <person>" for an answer given by an e-mailed link."""
        if not self.via_link_for:
            return self.actor_email or ""
        by_link = gettext("via e-postlänk för %(person)s") % {"person": self.via_link_for}
        return f"{self.actor_email} ({by_link})" if self.actor_email else by_link


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
