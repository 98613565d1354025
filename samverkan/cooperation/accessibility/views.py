"""Tillgänglighetsredogörelse (DOS-lagen): the public statement with its report form, and
the secretariat's page to edit its texts."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.cooperation.accessibility import defaults, services
from samverkan.cooperation.accessibility.forms import ReportForm, StatementForm
from samverkan.cooperation.models import AccessibilityStatement, Cooperation
from samverkan.core.pages import errors_on
from samverkan.people.access import is_secretariat, require_secretariat


def texts_of(statement: AccessibilityStatement, cooperation: Cooperation) -> dict[str, Any]:
    """Each part of the statement: the secretariat's text, or the default for this system."""
    compliance = statement.compliance or AccessibilityStatement.Compliance.PARTIAL
    return {
        "provider": statement.provider or defaults.PROVIDER % {"name": cooperation.name},
        "compliance": defaults.COMPLIANCE[compliance],
        "known_issues": statement.known_issues or defaults.KNOWN_ISSUES,
        "report": statement.report or defaults.REPORT,
        "enforcement": statement.enforcement or defaults.ENFORCEMENT,
        "assessment": statement.assessment or defaults.ASSESSMENT,
    }


def statement(request: HttpRequest) -> HttpResponse:
    cooperation = Cooperation.current()
    current = services.statement_for(cooperation)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            services.report_problem(request.user, **form.cleaned_data)
            messages.success(request, _("Tack! Din rapport har skickats till sekretariatet."))
            return redirect("accessibility:statement")
    context = {
        "statement": current,
        "texts": texts_of(current, cooperation),
        "form": form,
        "can_edit": is_secretariat(request.user),
    }
    return render(
        request, "accessibility/statement.html", context, status=400 if form.errors else 200
    )


@login_required
def edit(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    cooperation = Cooperation.current()
    current = services.statement_for(cooperation)
    initial = {name: getattr(current, name) for name in services.TEXT_FIELDS}
    initial.update(compliance=current.compliance, assessed_on=current.assessed_on)
    form = StatementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            services.update_statement(request.user, **form.cleaned_data)
            messages.success(request, _("Tillgänglighetsredogörelsen är sparad."))
            return redirect("accessibility:statement")
    context = {"form": form, "defaults": texts_of(AccessibilityStatement(), cooperation)}
    return render(request, "accessibility/edit.html", context, status=400 if form.errors else 200)
