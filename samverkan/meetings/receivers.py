"""The meetings room's answers to signals from the rooms below it."""

from typing import Any

from django.dispatch import receiver
from django.utils import timezone

from samverkan.history.context import current
from samverkan.meetings import notices
from samverkan.meetings.models import CalendarFeed
from samverkan.networks.models import Membership
from samverkan.networks.signals import membership_added
from samverkan.people.models import Person
from samverkan.people.signals import person_ended


@receiver(person_ended, sender=Person, dispatch_uid="meetings.revoke_feeds")
def revoke_feeds(sender: type, *, actor: Any, person: Person, **kwargs: Any) -> None:
    """Issue 15, §2: an ended person's calendar feeds stop answering (404, as a revoked one)."""
    now = timezone.now()
    for feed in CalendarFeed.objects.filter(person=person, revoked_at__isnull=True):
        feed.revoked_at = now
        feed.save(update_fields=["revoked_at"])


@receiver(membership_added, sender=Membership, dispatch_uid="meetings.welcome")
def welcome_member(sender: type, *, actor: Any, membership: Membership, **kwargs: Any) -> None:
    """Issue 16, point 5: a newly added member is welcomed with the network's page and where to
    put its meetings in their calendar. Inside add_membership's transaction: the notice is
    written with the membership, and e-mailed after commit. A register import records people
    already in their networks (imports/services.py, verb "import_register"; its own choice
    says whether they are told): it welcomes nobody."""
    doing = current()
    if doing is not None and doing.verb == "import_register":
        return
    notices.member_welcome(membership, timezone.localdate())
