"""Which networks a change of a person touches, for the stored verdicts (issue 17): the
rules name members (N4, CH2), so a person's new name or title is news for their networks."""

from typing import Any

from samverkan.compliance.marks import touches
from samverkan.history.models import HistoryEntry
from samverkan.networks.models import Membership


@touches("people.Person")
def networks_of_person(entry: Any) -> list[int]:
    if entry.action == HistoryEntry.Action.CREATE:  # a new person is in no network yet
        return []
    return list(
        Membership.objects.filter(person_id=entry.object_pk)
        .values_list("network_id", flat=True)
        .distinct()
    )
