"""What the retention page shows: the decisions, what is due today and what was removed."""

import datetime
from dataclasses import dataclass
from typing import Any

from samverkan.records.models import RetentionPolicy, RetentionRemoval
from samverkan.records.retention import services

Kind = RetentionRemoval.Kind


@dataclass(frozen=True)
class Due:
    kind: str
    label: Any
    count: int


def due_today(policy: RetentionPolicy, today: datetime.date) -> list[Due]:
    """How many of each kind the next daily run would remove (four counting queries)."""
    counts = [
        (Kind.NOTICES, services.due_notices(policy, today).count()),
        (Kind.SURVEY_INVITATIONS, services.due_invitations(policy, today).count()),
        (Kind.INACTIVE_ACCOUNTS, services.due_accounts(policy, today).count()),
        (Kind.NAMES, services.due_names(policy, today).count()),
    ]
    return [Due(kind, Kind(kind).label, count) for kind, count in counts]


def recent_removals(limit: int = 50) -> list[RetentionRemoval]:
    return list(RetentionRemoval.objects.all()[:limit])
