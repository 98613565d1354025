"""The agreements room's answers to signals from the rooms below it."""

from typing import Any

from django.dispatch import receiver

from samverkan.agreements.matters import on_member_added
from samverkan.networks.models import Membership
from samverkan.networks.signals import membership_added


@receiver(membership_added, sender=Membership, dispatch_uid="agreements.onboarding")
def start_onboarding(sender: type, *, actor: Any, membership: Membership, **kwargs: Any) -> None:
    on_member_added(actor, membership)  # PR3: an onboarding task for a new member
