"""Reads about people."""

from samverkan.people.models import Person


def secretariat() -> list[Person]:
    """The secretariat's people, who receive what is sent to the secretariat."""
    return list(
        Person.objects.filter(is_secretariat=True, anonymised_on__isnull=True).select_related(
            "user"
        )
    )
