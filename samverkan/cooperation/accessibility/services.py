"""The accessibility statement: the secretariat edits its texts; anyone reports a problem,
which reaches the secretariat as a notice (DOS-lagen: a way to report shortcomings)."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.cooperation.models import AccessibilityReport, AccessibilityStatement, Cooperation
from samverkan.core.errors import ServiceError
from samverkan.history.context import acting
from samverkan.notifications.services import notify_in_their_language
from samverkan.people import selectors as people_selectors
from samverkan.people.access import person_for, require_secretariat

TEXT_FIELDS = ("provider", "known_issues", "report", "enforcement", "assessment")


def statement_for(cooperation: Cooperation) -> AccessibilityStatement:
    """The cooperation's statement, unsaved (all defaults) until the secretariat edits it."""
    found = AccessibilityStatement.objects.filter(cooperation=cooperation).first()
    return found or AccessibilityStatement(cooperation=cooperation)


def update_statement(
    actor: Any, *, compliance: str, assessed_on: Any, **texts: str
) -> AccessibilityStatement:
    """Save the secretariat's texts; a blank text goes back to the default."""
    require_secretariat(actor)
    if compliance not in AccessibilityStatement.Compliance.values:
        raise ServiceError(_("Välj hur förenlig webbplatsen är."))
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ServiceError(_("Okända fält: %(names)s") % {"names": ", ".join(sorted(unknown))})
    with transaction.atomic(), acting(actor, "update_accessibility_statement"):
        cooperation = Cooperation.current()
        statement, _created = AccessibilityStatement.objects.select_for_update().get_or_create(
            cooperation=cooperation
        )
        new = {name: (texts.get(name) or "").strip() for name in TEXT_FIELDS}
        new.update(compliance=compliance, assessed_on=assessed_on)
        if all(getattr(statement, name) == value for name, value in new.items()):
            return statement
        for name, value in new.items():
            setattr(statement, name, value)
        statement.updated_on = timezone.localdate()
        statement.save()
    return statement


def report_problem(
    actor: Any, *, description: str, page: str = "", name: str = "", email: str = ""
) -> AccessibilityReport:
    """Anyone, signed in or not, reports an accessibility problem; every person of the
    secretariat is told."""
    description = description.strip()
    if not description:
        raise ServiceError(_("Beskriv problemet."))
    reporter = person_for(actor) if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic(), acting(actor, "report_accessibility_problem"):
        report = AccessibilityReport.objects.create(
            description=description,
            page=page.strip()[:500],
            name=name.strip()[:200],
            email=email.strip(),
            reported_by=reporter,
        )

        def render() -> tuple[str, str]:
            subject = _("Rapport om tillgänglighet")
            lines = [_("Någon har rapporterat ett tillgänglighetsproblem:"), "", description]
            if report.page:
                lines += ["", _("Sidan: %(page)s") % {"page": report.page}]
            who = report.name or (reporter.name if reporter else "")
            contact = report.email or (reporter.email if reporter else "")
            if who or contact:
                lines += ["", _("Från: %(who)s") % {"who": " ".join(filter(None, [who, contact]))}]
            return subject, "\n".join(lines)

        notify_in_their_language(
            people_selectors.secretariat(),
            render=render,
            kind="accessibility_report",
            key=f"accessibility-report-{report.pk}",
            about=report,
        )
    return report
