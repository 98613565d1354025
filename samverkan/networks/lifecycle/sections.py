"""The lifecycle's panel on the secretariat's dashboard: proposals, inactive networks (C1),
networks started and closed this year, unanswered questions (ST1). Each list shows its first
rows and how many there are; the whole list is a page of its own (dashboard:lifecycle)."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.core.plugins import section
from samverkan.networks.lifecycle.selectors import dashboard_lifecycle


@section("dashboard", "networks.lifecycle", "networks/_dashboard_lifecycle.html", order=20)
def lifecycle_panel(request: HttpRequest, area: str, today: datetime.date) -> dict[str, Any]:
    panel = dashboard_lifecycle(today)
    return {
        "proposals": panel.proposals,
        "inactive": panel.inactive,
        "started": panel.started,
        "closed": panel.closed,
        "open_questions": panel.open_questions,
    }
