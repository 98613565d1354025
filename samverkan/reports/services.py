"""Sending the yearly report to the municipal directors' group (SPEC §1: Kommundirektörs-
gruppen receives survey results and the yearly report)."""

import datetime
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.notifications.services import attachment, language_of, notify
from samverkan.people.access import require_secretariat
from samverkan.people.models import Person
from samverkan.reports.yearly import yearly_report, yearly_report_pdf
from samverkan.surveys.models import DirectorsGroupMember


def yearly_report_recipients() -> list[Person]:
    """Who send_yearly_report tells: the directors' group, by name (issue 16 §8: the
    confirmation page lists them before anything is sent)."""
    return [
        d.person
        for d in DirectorsGroupMember.objects.select_related("person__municipality").order_by(
            "person__name"
        )
    ]


def send_yearly_report(actor: Any, year: int, *, today: datetime.date | None = None) -> int:
    """Notify every recipient of the directors' group, with the PDF attached; idempotent per
    recipient and year. Returns how many were told now. Notice and report are written in each
    recipient's own language (SPEC §6): the report is rendered once per language."""
    require_secretariat(actor)
    people = [d.person for d in DirectorsGroupMember.objects.select_related("person__user")]
    if not people:
        raise ServiceError(
            _("Kommundirektörsgruppen har inga mottagare. Lägg till dem under Enkäter.")
        )
    day = today or timezone.localdate()
    url = settings.SITE_URL.rstrip("/") + reverse("reports:yearly", kwargs={"year": year})
    by_language: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        by_language[language_of(person)].append(person)
    sent = []
    for language, group in by_language.items():
        with translation.override(language):
            context = yearly_report(year, day)
            pdf = yearly_report_pdf(context)
            sent += notify(
                group,
                kind="yearly_report",
                subject=_("Årsrapport %(year)s – %(name)s")
                % {"year": year, "name": context["cooperation"].name},
                body=_("Årsrapporten för %(year)s finns bifogad och på %(url)s\n")
                % {"year": year, "url": url},
                key=f"yearly-report:{year}",
                attachments=[attachment(f"arsrapport-{year}.pdf", pdf, "application/pdf")],
            )
    return len(sent)
