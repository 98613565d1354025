"""The ending in a person's register extract (issue 15 §1, §2): when the person was ended,
why and by whom, and when a retention decision replaced their name."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samverkan.people.extract import day, extract_part
from samverkan.people.models import Person
from samverkan.records.models import PersonEnding


@extract_part(
    "ending",
    _("Avslutad i registret"),
    order=15,
    labels={
        "ended_on": pgettext_lazy("person", "Avslutad"),
        "reason": _("Anledning"),
        "ended_by": _("Avslutad av"),
        "pseudonymised_on": _("Namnet ersatt"),
    },
)
def ending(person: Person) -> dict[str, Any]:
    record = PersonEnding.objects.filter(person=person).select_related("ended_by").first()
    if record is None:
        return {}
    return {
        "ended_on": day(record.ended_on),
        "reason": record.reason,
        "ended_by": record.ended_by.name if record.ended_by else "",
        "pseudonymised_on": day(record.pseudonymised_on),
    }
