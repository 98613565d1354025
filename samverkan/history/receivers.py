from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver

from samverkan.history.context import current
from samverkan.history.models import HistoryEntry


@receiver(pre_save, sender=HistoryEntry)
def fill_actor_verb_network(sender: type, instance: HistoryEntry, **kwargs: Any) -> None:
    acting = current()
    if acting is not None:
        if instance.actor_id is None and acting.user is not None:
            instance.actor = acting.user
            instance.actor_email = getattr(acting.user, "email", None)
        if not instance.verb:
            instance.verb = acting.verb
        if acting.via_link_for and not instance.via_link_for:
            instance.via_link_for = acting.via_link_for
    data = instance.additional_data or {}
    network_id = data.get("network_id")
    # A deletion may be part of deleting the network itself: then the entry keeps the id in
    # additional_data only, since the row it would point at is gone.
    if (
        instance.network_id is None
        and network_id
        and (
            instance.action != HistoryEntry.Action.DELETE
            or HistoryEntry.network.field.related_model.objects.filter(pk=network_id).exists()  # type: ignore[attr-defined]
        )
    ):
        instance.network_id = network_id
