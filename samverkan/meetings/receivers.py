"""The meetings room's answers to signals from the rooms below it."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from samverkan.meetings.models import CalendarFeed
from samverkan.people.models import Person
from samverkan.people.signals import person_ended


@receiver(person_ended, sender=Person, dispatch_uid="meetings.revoke_feeds")
def revoke_feeds(sender: type, *, actor: Any, person: Person, **kwargs: Any) -> None:
    """Issue 15, §2: an ended person's calendar feeds stop answering (404, as a revoked one)."""
    now = timezone.now()
    for feed in CalendarFeed.objects.filter(person=person, revoked_at__isnull=True):
        feed.revoked_at = now
        feed.save(update_fields=["revoked_at"])
