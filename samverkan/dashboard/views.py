import functools
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from samverkan.compliance.registry import STATUS_LABELS, Rule
from samverkan.compliance.selectors import registered_rules
from samverkan.compliance.stored import StoredVerdicts, stored_years
from samverkan.cooperation.models import Area
from samverkan.core.pages import query_without_page, year_asked
from samverkan.core.plugins import render_sections
from samverkan.dashboard import due, selectors
from samverkan.dashboard.matrix import matrix_rows
from samverkan.files.tables import requested_format, table_response
from samverkan.people.access import require_secretariat

DASHBOARD_PAGE_SIZE = 50
DUTY_PAGE_SIZE = 50
# The cells' symbols: a shape for each verdict, not colour alone (WCAG 1.4.1); the words are
# beside them for screen readers.
SYMBOLS = {"ok": "✓", "warning": "!", "missing": "✕", "not_applicable": "–"}


def with_choice(request: HttpRequest, name: str, value: str, *, on: bool) -> str:
    """The dashboard's query string with `name=value` added (a single-valued choice replaced,
    `oppna` added to) or removed, the page number dropped."""
    query = request.GET.copy()
    query.pop("sida", None)
    values = [v for v in query.getlist(name) if v != value] if name == "oppna" else []
    if on:
        values.append(value)
    query.setlist(name, values)
    return query.urlencode()


def matrix_table(
    results: list[StoredVerdicts], rules: list[Rule], *, link: Callable[[str], str]
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
    columns = selectors.applicable_columns(rules, results)
    rows: list[list[Any]] = []
    for row in results:
        for r in columns:
            v = row.verdicts.get(r.id)
            if v is None:  # never evaluated yet: being updated
                continue
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
    """The secretariat's compliance matrix: networks × rules, each cell explained and linked,
    read from the stored verdicts (compliance/stored.py)."""
    require_secretariat(request.user)
    today = timezone.localdate()
    year = year_asked(request)
    area = request.GET.get("omrade", "")
    only = request.GET.get("visa", "")
    rules = registered_rules()
    rule = request.GET.get("regel", "")
    if rule not in {r.id for r in rules}:
        rule = ""
    order = request.GET.get("ordning", "")
    opened = set(request.GET.getlist("oppna"))
    if fmt := requested_format(request):  # every network the choices match, not one page
        results = selectors.every_row(
            year=year, area=area, only=only, today=today, rule=rule, order=order
        )
        header, rows = matrix_table(results, rules, link=request.build_absolute_uri)
        title = _("Checklistan %(year)s") % {"year": year}
        return table_response(fmt, f"checklistan-{year}", header, rows, title=title)
    matrix = selectors.dashboard_matrix(
        year=year,
        area=area,
        only=only,
        page_number=request.GET.get("sida"),
        page_size=DASHBOARD_PAGE_SIZE,
        today=today,
        rule=rule,
        order=order,
    )
    networks = selectors.dashboard_networks(area=area)

    def page_cells() -> tuple[list[str], list[SafeString]]:
        rows = matrix.rows()
        applicable = [r.id for r in selectors.applicable_columns(rules, rows)]
        groups = selectors.column_groups(rules, rows, opened, applicable=applicable)
        return applicable, matrix_rows(rows, groups, SYMBOLS)

    # The page's cells as HTML, kept until its verdicts, networks or areas change: a warm
    # dashboard, or a new worker's first, neither reads the ~1,500 rows nor writes the cells.
    applicable, cells = matrix.kept_or_built("matrix-page", tuple(sorted(opened)), page_cells)
    groups = selectors.column_groups(rules, [], opened, applicable=applicable)
    for group in groups:
        group.toggle = with_choice(request, "oppna", group.slug, on=not group.opened)
    totals = selectors.verdict_totals(matrix.counts)
    # The overdue panel counts this year's missing verdicts of the same networks: the matrix's
    # counts have them when it shows this year, and no rule or verdict narrows the counts.
    missing = totals.get("missing", 0) if year == today.year else None
    context = {
        "rules": rules,
        "groups": groups,
        "symbols": SYMBOLS,
        "filtered": {
            status: with_choice(request, "visa", status, on=True)
            for status in ("missing", "warning")
        },
        "totals": totals,
        "duties": [
            selectors.kept(
                "duty-list",
                (kind, area, missing),
                functools.partial(due.duty_list, kind, networks, today, missing_this_year=missing),
                today=today,
                models=due.DUTY_MODELS,
            )
            for kind in due.KINDS
        ],
        "rule": rule,
        "order": order,
        "opened": opened,
        "page": matrix.page,
        "matrix_rows": cells,
        # The page's stored verdicts themselves, read only if asked for (the page prints the
        # kept cells).
        "rows": SimpleLazyObject(matrix.rows),
        "counts": matrix.counts,
        "updating": matrix.updating,
        "computed_at": matrix.computed_at,
        "year": year,
        "years": stored_years(today),
        "area": area,
        "only": only,
        "query": query_without_page(request),
        "labels": STATUS_LABELS,
        "total": matrix.page.paginator.count,
    }
    template = "dashboard/dashboard.html"
    if request.htmx and request.htmx.target == "matrix":  # type: ignore[attr-defined]
        return render(request, template + "#matrix", context)
    context["areas"] = Area.objects.all()
    context["sections"] = render_sections("dashboard", request, area, today)
    return render(request, template, context)


@login_required
def duties(request: HttpRequest, kind: str) -> HttpResponse:
    """The whole list behind one of the dashboard's duty panels, one page at a time."""
    require_secretariat(request.user)
    if kind not in due.KINDS:
        raise Http404
    today = timezone.localdate()
    networks = selectors.dashboard_networks(area=request.GET.get("omrade", ""))
    page = Paginator(due.duty_query(kind, networks, today), DUTY_PAGE_SIZE).get_page(
        request.GET.get("sida")
    )
    context = {
        "title": due.KINDS[kind],
        "kind": kind,
        "page": page,
        "rows": due.duties(list(page.object_list), kind, today),
        "query": query_without_page(request),
    }
    return render(request, "dashboard/duties.html", context)
