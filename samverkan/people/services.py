"""Actions on people."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Municipality
from samverkan.core.errors import ServiceError
from samverkan.history.context import acting
from samverkan.people.models import Person


def find_or_create_person(
    actor: Any,
    *,
    email: str,
    name: str = "",
    title: str = "",
    municipality: Municipality | None = None,
) -> Person:
    """Find a person by e-mail address, or register a new one (for coordinators adding members
    and for imports). The caller has already checked that the actor may add people."""
    email = email.strip().lower()
    person = Person.objects.filter(email__iexact=email).first()
    if person is not None:
        return person
    if not name.strip():
        raise ServiceError(
            _("Det finns ingen person med den e-postadressen. Ange namn för att lägga till en ny."),
            field="name",
        )
    with transaction.atomic(), acting(actor, "register_person"):
        return Person.objects.create(
            name=name.strip(), email=email, title=title.strip(), municipality=municipality
        )
