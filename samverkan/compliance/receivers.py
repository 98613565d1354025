"""Every recorded change marks the stored verdicts it makes stale, inside its own transaction
(compliance/marks.py)."""

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from samverkan.compliance.marks import entry_recorded
from samverkan.history.models import HistoryEntry


@receiver(post_save, sender=HistoryEntry, dispatch_uid="compliance_mark_verdicts")
def mark_verdicts(sender: type, instance: HistoryEntry, created: bool, **kwargs: Any) -> None:
    if created:
        entry_recorded(instance, using=kwargs.get("using") or "default")
