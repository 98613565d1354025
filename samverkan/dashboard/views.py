from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.compliance.registry import STATUS_LABELS, Rule, Status, as_of_for_year
from samverkan.compliance.selectors import (
    AnyVerdicts,
    evaluate_recent,
    registered_rules,
    summary,
)
from samverkan.cooperation.models import Area
from samverkan.core.pages import query_without_page, year_asked
from samverkan.core.plugins import render_sections
from samverkan.files.tables import requested_format, table_response
from samverkan.networks.models import Network
from samverkan.people.access import require_secretariat

DASHBOARD_PAGE_SIZE = 50


def matrix_table(
    results: list[AnyVerdicts], rules: list[Rule], *, link: Callable[[str], str]
) -> tuple[list[str], list[list[Any]]]:
    """The matrix as a file, one row per network and rule with the cell's explanation and the
    address of its fix (`link` makes it absolute): the rules that apply to at least one of
    the networks, as the page's columns."""
    header = [
        _("Nätverk"),
        _("Verksamhetsområde"),
        _("Regel"),
        _("Regelns namn"),
        _("Utfall"),
        _("Förklaring"),
        _("Länk"),
    ]
    columns = [
        r
        for r in rules
        if any(row.verdicts[r.id].status != Status.NOT_APPLICABLE for row in results)
    ]
    rows: list[list[Any]] = []
    for row in results:
        for r in columns:
            v = row.verdicts[r.id]
            rows.append(
                [
                    row.network.name,
                    row.network.area.name,
                    r.id,
                    r.title,
                    v.label,
                    v.explanation,
                    link(v.fix_url) if v.fix_url else "",
                ]
            )
    return header, rows


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The secretariat's compliance matrix: networks × rules, each cell explained and linked."""
    require_secretariat(request.user)
    today = timezone.localdate()
    year = year_asked(request)
    networks = Network.objects.exclude(status=Network.Status.CLOSED).select_related("area")
    area = request.GET.get("omrade", "")
    if area:
        networks = networks.filter(area__slug=area)
    only = request.GET.get("visa", "")
    results = evaluate_recent(networks.order_by("name"), as_of_for_year(year, today))
    counts = summary(results)
    if only in (Status.MISSING, Status.WARNING):
        results = [r for r in results if any(v.status == only for v in r.verdicts.values())]
    rules = registered_rules()
    if fmt := requested_format(request):  # every network the choices match, not one page
        header, rows = matrix_table(results, rules, link=request.build_absolute_uri)
        title = _("Checklistan %(year)s") % {"year": year}
        return table_response(fmt, f"checklistan-{year}", header, rows, title=title)
    page = Paginator(results, DASHBOARD_PAGE_SIZE).get_page(request.GET.get("sida"))
    columns = [
        r
        for r in rules
        if any(row.verdicts[r.id].status != Status.NOT_APPLICABLE for row in page.object_list)
    ]
    context = {
        "rules": rules,
        "columns": columns,
        "page": page,
        "counts": counts,
        "year": year,
        "years": range(today.year - 2, today.year + 2),
        "areas": Area.objects.all(),
        "area": area,
        "only": only,
        "query": query_without_page(request),
        "labels": STATUS_LABELS,
        "total": len(results),
        "sections": render_sections("dashboard", request, area, today),
    }
    template = "dashboard/dashboard.html"
    if request.htmx and request.htmx.target == "matrix":  # type: ignore[attr-defined]
        template += "#matrix"
    return render(request, template, context)
