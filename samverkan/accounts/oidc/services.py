"""The one write a provider sign-in makes: an account for a Person who has none yet."""

from django.db import transaction

from samverkan.history.context import acting
from samverkan.people.models import Person, User


class NoAccount(Exception):
    """The Person cannot be given an account (another Person holds the address's account)."""


def account_for_person(person: Person) -> User:
    """The Person's account, made now (without a usable password) if the Person has none.
    Only called for a Person matched by an e-mail the provider marked verified (issue 12)."""
    if person.user_id is not None:
        return person.user  # type: ignore[return-value]
    with transaction.atomic(), acting(None, "sign_in_with_provider"):
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.user_id is not None:
            return person.user  # type: ignore[return-value]
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = User.objects.create_user(person.email, password=None)
        elif Person.objects.filter(user=user).exists():
            raise NoAccount(person.pk)
        person.user = user
        person.save(update_fields=["user"])
    return user
