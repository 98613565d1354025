"""Agenda and minutes as PDF in the cooperation's graphic profile (N5): its name, logo and
colours, in a self-contained document."""

from typing import Any

from samverkan.cooperation.models import Cooperation
from samverkan.files.pdf import data_uri, render_pdf


def meeting_pdf(template: str, context: dict[str, Any]) -> bytes:
    coop = Cooperation.current()
    context = {**context, "cooperation": coop, "logo": data_uri(coop.logo)}
    return render_pdf(template, context)
