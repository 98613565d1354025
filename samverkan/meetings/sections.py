"""P3 on the municipality's page: its attendance per network this year (issue 5, item 3)."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.cooperation.models import Municipality
from samverkan.meetings.selectors import municipality_attendance
from samverkan.networks.municipalities.page import register_section


def _attendance(
    request: HttpRequest, municipality: Municipality, today: datetime.date
) -> dict[str, Any] | None:
    if not getattr(request.user, "is_authenticated", False):
        return None
    return {
        "municipality": municipality,
        "year": today.year,
        "rows": municipality_attendance(municipality, today.year),
    }


def register() -> None:
    register_section(
        "meetings.attendance", "meetings/_municipality_section.html", _attendance, order=40
    )
