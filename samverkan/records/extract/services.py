"""The one write of the register extract: that it was taken, in the person's history."""

from typing import Any

from auditlog.signals import accessed
from django.db import transaction

from samverkan.history.context import acting
from samverkan.people.models import Person

VERB = "register_extract"


def record_extract(actor: Any, person: Person, *, fmt: str) -> None:
    """A register extract discloses everything about the person: who took one and when is
    kept in the person's history (an "access" entry, GDPR art. 5(2) accountability), which
    the person's next extract shows in turn. `actor` is None from the command line."""
    with transaction.atomic(), acting(actor, f"{VERB}_{fmt}"):
        accessed.send(sender=Person, instance=person)
