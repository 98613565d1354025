"""Who may open a person's page and their register extract: the secretariat alone (the
anonymous get 404, everyone else 403, as for the secretariat's other pages)."""

from typing import Any

from django.shortcuts import get_object_or_404

from samverkan.people.access import require_secretariat
from samverkan.people.models import Person


def get_person_for(user: Any, pk: int) -> Person:
    require_secretariat(user)
    return get_object_or_404(
        # The ending (15B's panel on the page) in the same query.
        Person.objects.select_related("user", "municipality", "organisation", "ending__ended_by"),
        pk=pk,
    )
