from django.db.models import QuerySet

from samverkan.history.models import HistoryEntry


def network_history(network_id: int, *, limit: int = 50) -> QuerySet[HistoryEntry]:
    return (
        HistoryEntry.objects.filter(network_id=network_id)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
