"""Sending the yearly report to the municipal directors' group (SPEC §1: Kommundirektörs-
gruppen receives survey results and the yearly report)."""

import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.files.pdf import render_pdf
from samverkan.notifications.services import attachment, notify
from samverkan.people import policy
from samverkan.reports.yearly import yearly_report
from samverkan.surveys.models import DirectorsGroupMember


def send_yearly_report(actor: Any, year: int, *, today: datetime.date | None = None) -> int:
    """Notify every recipient of the directors' group, with the PDF attached; idempotent per
    recipient and year. Returns how many were told now."""
    policy.require_secretariat(actor)
    people = [d.person for d in DirectorsGroupMember.objects.select_related("person")]
    if not people:
        raise ServiceError(
            _("Kommundirektörsgruppen har inga mottagare. Lägg till dem under Enkäter.")
        )
    day = today or timezone.localdate()
    context = yearly_report(year, day)
    pdf = render_pdf("reports/yearly_pdf.html", context)
    url = settings.SITE_URL.rstrip("/") + reverse("reports:yearly", kwargs={"year": year})
    sent = notify(
        people,
        kind="yearly_report",
        subject=_("Årsrapport %(year)s – %(name)s")
        % {"year": year, "name": context["cooperation"].name},
        body=_("Årsrapporten för %(year)s finns bifogad och på %(url)s\n")
        % {"year": year, "url": url},
        key=f"yearly-report:{year}",
        attachments=[attachment(f"arsrapport-{year}.pdf", pdf, "application/pdf")],
    )
    return len(sent)
