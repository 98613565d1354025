"""The surveys' panel on Min sida: the rounds I may still answer, with my own links."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.core.plugins import section
from samverkan.people.duties import Duty
from samverkan.people.models import Person
from samverkan.surveys.selectors import open_invitations_for
from samverkan.surveys.services import link_token


@section("my_page", "surveys.mine", "surveys/_my_surveys.html", order=40)
def my_surveys(request: HttpRequest, person: Person, today: datetime.date) -> dict[str, Any]:
    rows = []
    for inv in open_invitations_for(person.pk):
        # Rendered now, for the owner only; stored nowhere.
        url = reverse("surveys:answer", kwargs={"token": link_token(inv)})
        rows.append({"invitation": inv, "url": url})
    return {"rows": rows}


# --- Issue 16 part C: Mina uppgifter (people/duties.py) ---
@section("my_page.duties", "surveys.duties", "", order=40)
def my_survey_duties(request: HttpRequest, person: Person, today: datetime.date) -> dict[str, Any]:
    duties = []
    for inv in open_invitations_for(person.pk):
        # Rendered now, for the owner only; stored nowhere.
        url = reverse("surveys:answer", kwargs={"token": link_token(inv)})
        text = _("Svara på enkäten %(title)s") % {"title": inv.round.title}
        duties.append(Duty(text, url, inv.round.closes_on, inv.network.name))
    return {"duties": duties}
