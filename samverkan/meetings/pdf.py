"""Agenda and minutes as PDF in the cooperation's graphic profile (N5): its name, logo and
colours, in a self-contained, tagged document (files.pdf)."""

from typing import Any

from samverkan.cooperation.models import Cooperation
from samverkan.files.pdf import data_uri, render_pdf


def meeting_pdf(template: str, context: dict[str, Any], *, variant: str | None = None) -> bytes:
    """`variant`: another PDF variant than the instance's PDF/UA, e.g. "pdf/a-3u" for the
    minutes in an archive package."""
    coop = Cooperation.current()
    context = {**context, "cooperation": coop, "logo": data_uri(coop.logo)}
    return render_pdf(template, context, variant=variant)
