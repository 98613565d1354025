"""Actions on people."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.history.context import acting
from samverkan.people.access import viewer_for
from samverkan.people.models import Person


def find_or_create_person(
    actor: Any,
    *,
    email: str,
    name: str = "",
    title: str = "",
    municipality: Any = None,  # a cooperation.Municipality; people sits below cooperation
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


def confirm_contact_details(
    actor: Any,
    person: Person,
    *,
    title: str | None = None,
    unit: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    today: datetime.date | None = None,
) -> Person:
    """N6: a person confirms (and may correct) their own contact details; the secretariat may
    do it for anyone."""
    viewer = viewer_for(actor)
    own = viewer.person is not None and viewer.person.pk == person.pk
    if not (own or viewer.is_secretariat):
        raise PermissionDenied(_("Du får inte ändra den här personens uppgifter."))
    with transaction.atomic(), acting(actor, "confirm_contact_details"):
        for name, value in (("title", title), ("unit", unit), ("email", email), ("phone", phone)):
            if value is not None:
                setattr(person, name, value.strip())
        person.contact_confirmed_on = today or timezone.localdate()
        person.save()
    return person
