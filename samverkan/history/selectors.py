from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from samverkan.history.models import HistoryEntry

# ST1 (issue 13): a question to the secretariat and its messages are between the asker and the
# secretariat. Their entries are filed under the network like every other (the admin finds
# them), but no network-level view of the history (the network page, its archive export)
# shows them, to anyone. (app label, model) as in django_content_type.
PRIVATE_MODELS = (("networks", "question"), ("networks", "questionmessage"))


def shared_entries(entries: QuerySet[HistoryEntry]) -> QuerySet[HistoryEntry]:
    """The entries without the private ones (PRIVATE_MODELS), in the same query."""
    private = reduce(
        or_, (Q(content_type__app_label=a, content_type__model=m) for a, m in PRIVATE_MODELS)
    )
    return entries.exclude(private)


def network_history(network_id: int, *, limit: int = 50) -> QuerySet[HistoryEntry]:
    return (
        shared_entries(HistoryEntry.objects.filter(network_id=network_id))
        .select_related("actor__person", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
