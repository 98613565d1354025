"""The participation matrix and the yearly report, as pages and files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Area
from samverkan.core.pages import errors_as_messages
from samverkan.files.tables import FORMATS, requested_format, table_response
from samverkan.people.access import is_secretariat, require_secretariat
from samverkan.reports import services
from samverkan.reports.access import require_can_read_yearly_report
from samverkan.reports.forms import ConfirmSendForm
from samverkan.reports.matrix import COLOURS, LABELS, Matrix, matrix_table, participation_matrix
from samverkan.reports.svg import heat_map
from samverkan.reports.yearly import yearly_report, yearly_report_pdf


@login_required
def matrix(request: HttpRequest) -> HttpResponse:
    """Municipalities × active networks, as a picture and as a table; filter by area."""
    area = request.GET.get("omrade", "")
    data = participation_matrix(timezone.localdate(), area=area)
    if fmt := requested_format(request):
        return _matrix_file(fmt, data)
    context = {
        "matrix": data,
        "heat_map": heat_map(data),
        "areas": Area.objects.all(),
        "area": area,
        "labels": LABELS,
        "legend": [(LABELS[k], COLOURS[k]) for k in LABELS],
    }
    return render(request, "reports/matrix.html", context)


@login_required
def matrix_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The matrix's files at their first addresses (/rapporter/deltagande.csv …), kept so that
    saved links keep working; the page's own links are `?format=…` on the page."""
    if fmt not in FORMATS:
        raise Http404
    data = participation_matrix(timezone.localdate(), area=request.GET.get("omrade", ""))
    return _matrix_file(fmt, data)


def _matrix_file(fmt: str, data: Matrix) -> HttpResponse:
    header, rows = matrix_table(data)
    return table_response(fmt, "deltagande", header, rows, title=_("Deltagande"))


def _year(request: HttpRequest, year: int | None) -> int:
    require_can_read_yearly_report(request.user)
    today = timezone.localdate()
    year = year or today.year
    if not 2000 <= year <= today.year + 1:
        raise Http404
    return year


@login_required
def yearly(request: HttpRequest, year: int | None = None) -> HttpResponse:
    year = _year(request, year)
    context = yearly_report(year, timezone.localdate())
    context["can_send"] = is_secretariat(request.user)
    context["years"] = range(timezone.localdate().year - 3, timezone.localdate().year + 1)
    return render(request, "reports/yearly.html", context)


@login_required
def yearly_pdf(request: HttpRequest, year: int) -> HttpResponse:
    year = _year(request, year)
    context = yearly_report(year, timezone.localdate())
    pdf = yearly_report_pdf(context, request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="arsrapport-{year}.pdf"'
    return response


@login_required
def yearly_send(request: HttpRequest, year: int) -> HttpResponse:
    """Issue 16 §8: sending reaches the whole directors' group, so it is a step of its own:
    the recipients by name, the PDF to preview, and a confirmation the sending needs."""
    year = _year(request, year)
    require_secretariat(request.user)
    form = ConfirmSendForm(request.POST if request.method == "POST" else None)
    recipients = services.yearly_report_recipients()
    if request.method == "POST" and form.is_valid():
        with errors_as_messages(request):
            n = services.send_yearly_report(request.user, year)
            messages.success(
                request,
                _("Årsrapporten skickas till %(n)d mottagare i kommundirektörsgruppen.") % {"n": n},
            )
        return redirect("reports:yearly", year=year)
    return render(
        request,
        "reports/yearly_send.html",
        {"year": year, "form": form, "recipients": recipients},
    )
