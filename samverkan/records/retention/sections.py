"""The retention decisions on the secretariat's dashboard (issue 15, §3)."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.core.plugins import section
from samverkan.records.models import RetentionPolicy, RetentionRemoval


@section("dashboard", "records.retention", "records/retention/_dashboard.html", order=40)
def retention_panel(request: HttpRequest, area: str, today: datetime.date) -> dict[str, Any]:
    return {
        "decision": RetentionPolicy.current().decision,
        "last_removal": RetentionRemoval.objects.first(),
    }
