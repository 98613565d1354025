"""Mina uppgifter (issue 16, point 4): every duty due for a person, in one list on Min sida,
each with its link and its due date.

Each room that knows a kind of duty adds it through a "my_page.duties" section
(core/plugins.py) whose context is `{"duties": [Duty, ...]}`: the year plan, business plan
and chairs of the networks one coordinates, contact details to confirm, invitations a
management contact is to answer, introductions to give, surveys to answer, minutes to approve.
The list is sorted by due date, the overdue first."""

import datetime
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise

from samverkan.core.plugins import render_sections
from samverkan.people.models import Person


@dataclass(frozen=True)
class Duty:
    text: str | Promise
    url: str
    due_on: datetime.date | None = None
    network: str = ""  # the network's name, where the duty belongs to one

    def overdue(self, today: datetime.date) -> bool:
        return self.due_on is not None and self.due_on < today


def duties_for(request: HttpRequest, person: Person, today: datetime.date) -> list[Duty]:
    found: list[Duty] = []
    for _template, context in render_sections("my_page.duties", request, person, today):
        found += context.get("duties", [])
    return sorted(found, key=lambda d: (d.due_on is None, d.due_on or today, str(d.text)))
