"""Who may act for a municipality and keep its management contacts (STYLE habit 5).

Municipalities are known to every signed-in reader; an unknown one answers 404. Their
management contacts are kept by the secretariat (403 to others).
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from samverkan.cooperation.models import Area, ManagementContact, Municipality
from samverkan.people.access import person_for, require_secretariat, viewer_for


def is_management_contact(user: Any, municipality: Municipality, area: Area) -> bool:
    """Förvaltningsledning: the person is registered for this municipality and area."""
    person = person_for(user)
    return (
        person is not None
        and ManagementContact.objects.filter(
            person=person, municipality=municipality, area=area
        ).exists()
    )


def can_act_for_municipality(user: Any, municipality: Municipality) -> bool:
    """P1, P2: people employed by a municipality ask for it (to join or leave a network, and
    see what it is invoiced); the secretariat acts for every municipality."""
    viewer = viewer_for(user)
    if viewer.is_secretariat:
        return True
    return viewer.person is not None and viewer.person.municipality_id == municipality.pk


def municipalities_to_act_for(user: Any) -> QuerySet[Municipality]:
    """The member municipalities a user may ask for today (can_act_for_municipality)."""
    members = Municipality.objects.members_on(timezone.localdate())
    viewer = viewer_for(user)
    if viewer.is_secretariat:
        return members
    if viewer.person is None or viewer.person.municipality_id is None:
        return members.none()
    return members.filter(pk=viewer.person.municipality_id)


def get_municipality(slug: str) -> Municipality:
    """A municipality by its slug; every signed-in reader may know it."""
    municipality = Municipality.objects.filter(slug=slug).first()
    if municipality is None:
        raise Http404
    return municipality


def get_management_contact_for(user: Any, slug: str, pk: int) -> ManagementContact:
    """A municipality's management contact, to change: the secretariat's (403 to others)."""
    contact = (
        ManagementContact.objects.select_related("municipality")
        .filter(pk=pk, municipality__slug=slug)
        .first()
    )
    if contact is None:
        raise Http404
    require_secretariat(user)
    return contact
