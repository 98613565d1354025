"""The lifecycle room's answers to the networks room's signals."""

from typing import Any

from django.dispatch import receiver

from samverkan.networks.lifecycle.members import check_member_municipality
from samverkan.networks.models import Membership
from samverkan.networks.signals import membership_added


@receiver(membership_added, sender=Membership, dispatch_uid="lifecycle.member_municipality")
def refuse_member_of_non_participating_municipality(
    sender: type, *, actor: Any, membership: Membership, **kwargs: Any
) -> None:
    check_member_municipality(membership)  # issue 16 §10: said no, or left
