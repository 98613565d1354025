"""The accounts room's answers to signals from the rooms below it."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.dispatch import receiver

from samverkan.people.models import Person, User
from samverkan.people.signals import person_ended

# An ended person's account keeps its row (the history names it) but no address of theirs:
# `.invalid` is reserved and never delivered (RFC 2606).
CLOSED_ADDRESS = "avslutat-konto-{pk}@samverkan.invalid"


@receiver(person_ended, sender=Person, dispatch_uid="accounts.close_account")
def close_account(sender: type, *, actor: Any, person: Person, **kwargs: Any) -> None:
    """Issue 15, §2: the account is closed for good. It is deactivated (which ends its
    sessions: accounts/sessions.py), its password made unusable, its addresses, second
    factors and links to a municipality's provider removed, so that neither a password, a
    provider sign-in, a password reset nor an activation link can open it again."""
    if person.user_id is None:
        return
    user = User.objects.select_for_update().get(pk=person.user_id)
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.email = CLOSED_ADDRESS.format(pk=user.pk)
    user.save()
    person.user = user
