"""The import's panel on the secretariat's dashboard: the way to the import page and its
template."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.core.plugins import section


@section("dashboard", "imports.register", "imports/_dashboard.html", order=5)
def dashboard_panel(request: HttpRequest, area: str, today: datetime.date) -> dict[str, Any]:
    return {}
