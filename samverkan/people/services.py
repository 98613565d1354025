"""Actions on people."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.history.context import acting
from samverkan.people import addresses
from samverkan.people.access import viewer_for
from samverkan.people.models import Person


def find_or_create_person(
    actor: Any,
    *,
    email: str,
    name: str = "",
    title: str = "",
    municipality: Any = None,  # a cooperation.Municipality; people sits below cooperation
    unit: str = "",
    phone: str = "",
) -> Person:
    """Find a person by e-mail address, or register a new one (for coordinators adding members
    and for imports). The caller has already checked that the actor may add people.

    Issue 12, item 6: matches on Person.email only, which holds a verified or secretariat-set
    address; an address waiting for verification (pending_email) never matches."""
    email = addresses.normalise(email)
    person = Person.objects.filter(email__iexact=email).first() if email else None
    if person is not None:
        return person
    if not name.strip():
        raise ServiceError(
            _("Det finns ingen person med den e-postadressen. Ange namn för att lägga till en ny."),
            field="name",
        )
    try:
        with transaction.atomic(), acting(actor, "register_person"):
            return Person.objects.create(
                name=name.strip(),
                email=email,
                title=title.strip(),
                municipality=municipality,
                unit=unit.strip(),
                phone=phone.strip(),
            )
    except IntegrityError:
        # Registered by someone else since the lookup above: that person is the one asked for.
        person = Person.objects.filter(email__iexact=email).first() if email else None
        if person is None:
            raise
        return person


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
    do it for anyone.

    Issue 12, item 6: a person's own new address is kept pending and a link is sent to it; the
    old address holds until the link is opened (verify_email_change). The secretariat setting
    someone else's address is trusted and sets it at once. Either way an address another
    person holds is refused."""
    viewer = viewer_for(actor)
    own = viewer.person is not None and viewer.person.pk == person.pk
    if not (own or viewer.is_secretariat):
        raise PermissionDenied(_("Du får inte ändra den här personens uppgifter."))
    new_email = None if email is None else addresses.normalise(email)
    changes_email = new_email is not None and new_email != person.email
    with transaction.atomic(), acting(actor, "confirm_contact_details"):
        for name, value in (("title", title), ("unit", unit), ("phone", phone)):
            if value is not None:
                setattr(person, name, value.strip())
        if changes_email and own:
            addresses.ask_to_change(person, new_email or "")
        elif changes_email:
            addresses.set_address(person, new_email or "")
        person.contact_confirmed_on = today or timezone.localdate()
        addresses.save_unique(person)
    return person


def verify_email_change(actor: Any, token: str) -> Person:
    """Issue 12, item 6: the person opened the link sent to their new address; it becomes
    their address, for the person and for signing in. An expired, altered, replaced or used
    link, or another person's, is refused and nothing is written."""
    viewer = viewer_for(actor)
    if viewer.person is None:
        raise ServiceError(addresses.invalid_link_message())
    with transaction.atomic(), acting(actor, "verify_email_change"):
        person = Person.objects.select_for_update().get(pk=viewer.person.pk)
        new_email = addresses.read_token(person, token)
        addresses.set_address(person, new_email)
        addresses.save_unique(person)
    return person
