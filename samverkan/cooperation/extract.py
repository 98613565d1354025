"""The cooperation's part of a person's register extract (issue 15 §1): where the person is
a municipality's management (förvaltningsledning) for an area."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from samverkan.cooperation.models import ManagementContact
from samverkan.people.extract import extract_part, history_subjects
from samverkan.people.models import Person


def _contacts(person: Person) -> list[ManagementContact]:
    return list(
        ManagementContact.objects.filter(person=person)
        .select_related("municipality", "area")
        .order_by("municipality__name", "area__name")
    )


@extract_part(
    "management",
    _("Förvaltningsledning"),
    order=35,
    labels={"municipality": _("Kommun"), "area": _("Verksamhetsområde")},
)
def management(person: Person) -> list[dict[str, Any]]:
    return [{"municipality": c.municipality.name, "area": c.area.name} for c in _contacts(person)]


@history_subjects
def management_rows(person: Person) -> list[tuple[type[ManagementContact], list[int]]]:
    pks = ManagementContact.objects.filter(person=person).order_by().values_list("pk", flat=True)
    return [(ManagementContact, list(pks))]
