"""The account behind a Person, shared by the two ways an account is made here: an activation
for a person the system names, and a first sign-in through a municipality's provider."""

from django.db import transaction

from samverkan.people.models import Person, User


def account_for(person: Person) -> User | None:
    """The Person's account, made now (no usable password) when there is none. An account that
    already holds the address and belongs to nobody is linked; one that belongs to another
    Person is left alone and None returned (one person per address). The caller names the
    verb in the history."""
    if person.user_id is not None:
        return person.user
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        user = locked.user
        if user is None:
            user = User.objects.filter(email__iexact=locked.email).first()
            if user is None:
                user = User.objects.create_user(locked.email)  # no password: an unusable one
            elif Person.objects.filter(user=user).exists():
                return None
            locked.user = user
            locked.save(update_fields=["user"])
    person.user = user  # the caller's object knows its account too
    return user
