"""The lifecycle's panel on the secretariat's dashboard: proposals, inactive networks (C1),
networks started and closed this year, unanswered questions (ST1). Each list shows its first
rows and how many there are; the whole list is a page of its own (dashboard:lifecycle)."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.cooperation.models import Municipality
from samverkan.core.plugins import section
from samverkan.history import fragments
from samverkan.history.fragments import fragment_key
from samverkan.networks.lifecycle.activity import activity_models
from samverkan.networks.lifecycle.selectors import dashboard_lifecycle
from samverkan.networks.models import Network, Participation, Question

PANEL_MODELS: list[Any] = [Network, Participation, Question, Municipality]


@section("dashboard", "networks.lifecycle", "networks/_dashboard_lifecycle.html", order=20)
def lifecycle_panel(request: HttpRequest, area: str, today: datetime.date) -> dict[str, Any]:
    # The same for every secretariat officer until the rows it shows change (networks, their
    # participations and questions, the member municipalities and the activity: meetings,
    # minutes, matters; all in the history): kept as a fragment, its ten queries read once per
    # such change, not after a year plan is saved (history/fragments.py, issue 17).
    key = fragment_key("lifecycle-panel", today=today, models=PANEL_MODELS + activity_models())
    panel = fragments.get_object(key, shared=True)
    if panel is None:
        panel = dashboard_lifecycle(today)
        fragments.put_object(key, panel, shared=True)
    return {
        "proposals": panel.proposals,
        "inactive": panel.inactive,
        "started": panel.started,
        "closed": panel.closed,
        "open_questions": panel.open_questions,
    }
