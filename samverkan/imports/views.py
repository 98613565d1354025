"""The secretariat's import page: download the template, upload, read the dry run's report,
confirm (SPEC §5; issue 14, part 1)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverkan.files.tables import XLSX_TYPE
from samverkan.imports import storage
from samverkan.imports.forms import ConfirmForm, UploadForm
from samverkan.imports.reading import Source, max_bytes, too_large_message
from samverkan.imports.report import Problem, Report
from samverkan.imports.services import import_register, send_activations
from samverkan.imports.sheets import EXAMPLE_EMAIL, EXAMPLE_NETWORK, SHEETS
from samverkan.imports.template import FILENAME, template_bytes
from samverkan.people.access import require_secretariat


def _page(request: HttpRequest, **context: object) -> HttpResponse:
    context.setdefault("form", UploadForm())
    context.setdefault("report", None)
    context.setdefault("confirm", None)
    context.update(
        {
            "sheets": SHEETS,
            "max_mb": settings.IMPORT_MAX_MB,
            "example_network": EXAMPLE_NETWORK,
            "example_email": EXAMPLE_EMAIL,
        }
    )
    return render(request, "imports/import.html", context)


def _sources(files: list) -> tuple[list[Source], Report | None]:
    """The uploaded files' bytes; a refusal without reading them when they are too large."""
    total = sum(f.size or 0 for f in files)
    if total > max_bytes():
        name = files[0].name if len(files) == 1 else _("Filerna")
        return [], Report(problems=[Problem(name, None, "", too_large_message())])
    return [Source(f.name or _("fil"), f.read()) for f in files], None


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """GET: the page; POST: a dry run of the uploaded file, with its report."""
    require_secretariat(request.user)
    if request.method != "POST":
        return _page(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form)
    csv_sheet = form.cleaned_data["csv_sheet"]
    sources, refused = _sources(form.cleaned_data["upload"])
    report = refused or import_register(request.user, sources, dry_run=True, csv_sheet=csv_sheet)
    storage.discard(request)
    confirm = None
    if report.ok and report.has_changes:
        token = storage.keep(
            request, sources, csv_sheet=csv_sheet, fingerprint=report.fingerprint()
        )
        confirm = ConfirmForm(initial={"token": token})
    return _page(request, report=report, confirm=confirm, form=UploadForm())


@login_required
def confirm(request: HttpRequest) -> HttpResponse:
    """Apply the dry run the user saw: the stored file, checked again; all or nothing."""
    require_secretariat(request.user)
    if request.method != "POST":
        return redirect("imports:start")
    form = ConfirmForm(request.POST)
    entry = storage.kept(request, request.POST.get("token", ""))
    sources = storage.read(entry) if entry else None
    if entry is None or sources is None:
        storage.discard(request)
        messages.error(
            request,
            _(
                "Provkörningen finns inte längre (den har gått ut eller ersatts). Ladda upp "
                "filen igen."
            ),
        )
        return redirect("imports:start")
    if not form.is_valid():
        report = import_register(request.user, sources, dry_run=True, csv_sheet=entry["csv_sheet"])
        return _page(request, report=report, confirm=form)
    report = import_register(
        request.user,
        sources,
        dry_run=False,
        send_invitations=form.cleaned_data["send"] == "nu",
        csv_sheet=entry["csv_sheet"],
        expected=entry["fingerprint"],
    )
    if report.stale and report.ok and report.has_changes:
        storage.refresh(request, report.fingerprint())
        again = ConfirmForm(initial={"token": entry["token"]})
        return _page(request, report=report, confirm=again)
    if not report.applied:
        storage.discard(request)
        return _page(request, report=report)
    storage.discard(request)
    messages.success(request, report.verdict())
    for sheet in report.sheets:
        messages.info(request, sheet.line())
    if report.invitations:
        messages.info(request, _invitations_line(report))
    return redirect("imports:start")


def _invitations_line(report: Report) -> str:
    if report.send_invitations:
        return _("%(count)d personer får ett aktiveringsmejl.") % {"count": report.invitations}
    return _(
        "%(count)d personer har fått ett aktiveringsmeddelande i inkorgen, men inget e-post. "
        "Skicka aktiveringsmejlen med knappen nedan när det är dags."
    ) % {"count": report.invitations}


@login_required
def template(request: HttpRequest) -> HttpResponse:
    """The template workbook, with the register's areas, roles and municipalities as lists."""
    require_secretariat(request.user)
    response = HttpResponse(template_bytes(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{FILENAME}"'
    return response


@login_required
def activations(request: HttpRequest) -> HttpResponse:
    """Send the activation e-mails an import without e-mail left unsent."""
    require_secretariat(request.user)
    if request.method != "POST":
        return redirect("imports:start")
    count = send_activations(request.user)
    if count:
        messages.success(
            request, _("Aktiveringsmejl skickas till %(count)d personer.") % {"count": count}
        )
    else:
        messages.info(request, _("Alla som kan få ett aktiveringsmejl har redan fått ett."))
    return redirect("imports:start")
