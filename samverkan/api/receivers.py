"""The API's answers to signals from the rooms below it."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from samverkan.api.models import ApiToken
from samverkan.people.models import Person
from samverkan.people.signals import person_ended


@receiver(person_ended, sender=Person, dispatch_uid="api.revoke_tokens")
def revoke_tokens(sender: type, *, actor: Any, person: Person, **kwargs: Any) -> None:
    """Issue 15, §2: an ended person's API tokens are revoked for good (401 from then on)."""
    now = timezone.now()
    for token in ApiToken.objects.active().filter(person=person):
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])
