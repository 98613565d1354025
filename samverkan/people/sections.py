"""The people room's own duty on Min sida (issue 16, point 4): contact details to confirm."""

import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.core.plugins import section
from samverkan.people.duties import Duty
from samverkan.people.models import Person


@section("my_page.duties", "people.contacts", "", order=50)
def contact_details_to_confirm(
    request: HttpRequest, person: Person, today: datetime.date
) -> dict[str, Any] | None:
    """N6: due when the details were last confirmed more than CONTACTS_STALE_MONTHS ago, and
    shown from a month before that."""
    months = settings.CONTACTS_STALE_MONTHS
    confirmed = person.contact_confirmed_on
    due_on = today
    if confirmed is not None:
        due_on = confirmed + datetime.timedelta(days=months * 365 // 12)
        if due_on - today > datetime.timedelta(days=30):
            return None
    text = _("Bekräfta dina kontaktuppgifter")
    return {"duties": [Duty(text, reverse("people:me"), due_on)]}
