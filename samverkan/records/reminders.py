"""Issue 15, §3: the cooperation's retention decisions are applied once a day."""

import datetime

from samverkan.notifications.reminders import daily_reminder
from samverkan.records.retention.services import apply_retention


@daily_reminder
def apply_retention_decisions(today: datetime.date) -> None:
    apply_retention(today)
