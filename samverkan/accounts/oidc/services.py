"""The one write a provider sign-in makes: an account for a Person who has none yet."""

from samverkan.accounts.services import account_for
from samverkan.history.context import acting
from samverkan.people.models import Person, User


class NoAccount(Exception):
    """The Person cannot be given an account (another Person holds the address's account)."""


def account_for_person(person: Person) -> User:
    """The Person's account, made now (without a usable password) if the Person has none.
    Only called for a Person matched by an e-mail the provider marked verified (issue 12)."""
    with acting(None, "sign_in_with_provider"):
        user = account_for(person)
    if user is None:
        raise NoAccount(person.pk)
    return user
