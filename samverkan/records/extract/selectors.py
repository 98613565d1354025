"""A person's register extract (GDPR art. 15, issue 15 §1) put together from the parts the
rooms register (people/extract.py), and the secretariat's page about one person."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from samverkan.cooperation.models import Cooperation, ManagementContact
from samverkan.networks.models import Membership
from samverkan.people.extract import moment, parts
from samverkan.people.models import Person
from samverkan.surveys.extract import RESPONSES_NOT_INCLUDED

FORMAT = "samverkan.register_extract"
VERSION = 1


def register_extract(person: Person, *, now: datetime.datetime | None = None) -> dict[str, Any]:
    """Everything the system holds about the person, as plain JSON-able data: each part under
    its key, with its title and note in the active language."""
    cooperation = Cooperation.current()
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": moment(now or timezone.now()),
        "controller": {"name": cooperation.name, "email": cooperation.secretariat_email},
        "person": {"id": person.pk, "name": person.name},
        "parts": {
            part.key: {
                "title": str(part.title),
                "note": str(part.note),
                "data": part.collect(person),
            }
            for part in parts()
        },
        "not_included": [
            {"what": "survey_responses", "reason": str(RESPONSES_NOT_INCLUDED)},
        ],
    }


def extract_filename(person: Person, extension: str, today: datetime.date) -> str:
    return f"registerutdrag-{person.pk}-{today.isoformat()}.{extension}"


@dataclass
class PersonPage:
    person: Person
    memberships: list[Membership]
    management: list[ManagementContact]
    ended_on: datetime.date | None


def person_page(person: Person, today: datetime.date) -> PersonPage:
    """Who the person is and their roles, current first (three queries)."""
    memberships = sorted(
        Membership.objects.filter(person=person).select_related("network", "municipality"),
        key=lambda m: (not m.is_active_on(today), m.network.name, m.start_on),
    )
    management = list(
        ManagementContact.objects.filter(person=person)
        .select_related("municipality", "area")
        .order_by("municipality__name", "area__name")
    )
    return PersonPage(person, memberships, management, person.anonymised_on)


def role_state(membership: Membership, today: datetime.date) -> str:
    if membership.is_active_on(today):
        return _("Nu")
    if membership.start_on > today:
        return _("Kommande")
    return pgettext("person", "Avslutad")
