"""The lifecycle's panel on the secretariat's dashboard: proposals, inactive networks (C1),
networks started and closed this year, unanswered questions (ST1). Each list shows its first
rows and how many there are; the whole list is a page of its own (dashboard:lifecycle)."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.core.plugins import section
from samverkan.history import fragments
from samverkan.history.fragments import fragment_key
from samverkan.networks.lifecycle.selectors import dashboard_lifecycle


@section("dashboard", "networks.lifecycle", "networks/_dashboard_lifecycle.html", order=20)
def lifecycle_panel(request: HttpRequest, area: str, today: datetime.date) -> dict[str, Any]:
    # The same for every secretariat officer until the recorded data change (meetings,
    # minutes, matters, participations and questions are all in the history): kept as a
    # fragment, its ten queries read once per change (history/fragments.py, issue 17).
    key = fragment_key("lifecycle-panel", today=today)
    panel = fragments.get_object(key)
    if panel is None:
        panel = dashboard_lifecycle(today)
        fragments.put_object(key, panel)
    return {
        "proposals": panel.proposals,
        "inactive": panel.inactive,
        "started": panel.started,
        "closed": panel.closed,
        "open_questions": panel.open_questions,
    }
