"""Pages for a network's costs and the invoicing summaries (PR2)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.core.pages import errors_as_messages, errors_on, year_asked
from samverkan.costs import access, list_files, selectors, services
from samverkan.costs.forms import CostForm
from samverkan.costs.models import Cost
from samverkan.files.tables import (
    FORMATS,
    kronor,
    requested_format,
    requested_list,
    table_response,
)
from samverkan.people.access import require_secretariat


def _cost_fields(form: CostForm) -> dict[str, Any]:
    """A valid CostForm, as record_cost and correct_cost take it."""
    data = form.cleaned_data
    return {
        "date": data["date"],
        "description": data["description"],
        "amount_ore": data["amount"],
        "phase": data["phase"],
    }


@login_required
def network_costs(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_costs_network_for(request.user, slug, write=request.method == "POST")
    if request.method != "POST" and (fmt := requested_format(request)):
        # Two lists on the page: every cost (?lista=alla, the default) and per year (per-ar).
        if requested_list(request) == "per-ar":
            header, rows = list_files.cost_year_table(
                selectors.network_year_summary(network=network)
            )
            name, title = f"{network.slug}-kostnader-per-ar", _("Kostnader per år")
        else:
            header, rows = list_files.cost_table(selectors.network_costs(network))
            name, title = f"{network.slug}-kostnader", _("Kostnader")
        return table_response(fmt, name, header, rows, title=title)
    can_edit = access.can_edit_costs(request.user, network)
    form = CostForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            cost = services.record_cost(request.user, network, **_cost_fields(form))
            if cost.state == Cost.State.UNALLOCATED:
                messages.warning(request, cost.problem)
            else:
                messages.success(request, _("Kostnaden är registrerad."))
            return redirect("costs:network", slug=slug)
    context = {
        "network": network,
        "costs": selectors.network_costs(network),
        "years": selectors.network_year_summary(network=network),
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "costs/network.html", context)


@login_required
def cost_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cost = access.get_cost_for(request.user, pk)
    form = None
    can_edit = access.can_edit_costs(request.user, cost.network)
    if can_edit and not cost.is_credit and not hasattr(cost, "credit"):
        form = CostForm(
            request.POST or None,
            initial={
                "date": timezone.localdate(),
                "description": cost.description,
                "amount": f"{cost.amount_ore / 100:.2f}".replace(".", ","),
                "phase": cost.phase,
            },
        )
        if request.method == "POST" and form.is_valid():
            with errors_on(form):
                _credit, new = services.correct_cost(request.user, cost, **_cost_fields(form))
                messages.success(request, _("Kostnaden är krediterad och ersatt av en ny."))
                return redirect("costs:detail", pk=new.pk)
    context = {
        "cost": cost,
        "network": cost.network,
        "plan": selectors.stored_plan(cost),
        "can_edit": can_edit,
        "form": form,
    }
    return render(request, "costs/detail.html", context)


@login_required
@require_POST
def cost_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    cost = access.get_cost_for(request.user, pk, write=True)
    verbs = {
        "fakturera": (services.mark_invoiced, _("Kostnaden är markerad som fakturerad.")),
        "kreditera": (services.credit_cost, _("Kostnaden är krediterad.")),
        "fordela": (services.reallocate_cost, _("Kostnaden är fördelad på nytt.")),
    }
    if action not in verbs:
        raise Http404
    service, done = verbs[action]
    with errors_as_messages(request):
        service(request.user, cost)
        messages.success(request, done)
    return redirect("costs:detail", pk=pk)


@login_required
def summary(request: HttpRequest) -> HttpResponse:
    """Per municipality and year, and per network and year, for invoicing; either list as a
    file with `?lista=kommuner|natverk&format=csv|xlsx`."""
    require_secretariat(request.user)
    year = year_asked(request)
    if fmt := requested_format(request):
        return _summary_file(fmt, requested_list(request) or "kommuner", year)
    today = timezone.localdate()
    context: dict[str, Any] = {
        "year": year,
        "years": range(today.year - 4, today.year + 2),
        "by_municipality": selectors.municipality_year_summary(year),
        "by_network": selectors.network_year_summary(year=year),
    }
    return render(request, "costs/summary.html", context)


@login_required
def summary_export(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """The summary's files at their first addresses (/kostnader/kommuner.csv …), kept so that
    saved links keep working; the page's own links are `?lista=…&format=…` on the page."""
    require_secretariat(request.user)
    if fmt not in FORMATS:
        raise Http404
    return _summary_file(fmt, kind, year_asked(request))


def _summary_file(fmt: str, kind: str, year: int) -> HttpResponse:
    if kind == "kommuner":
        s = selectors.municipality_year_summary(year)
        header = [_("Kommunkod"), _("Kommun"), _("Nätverk"), _("År"), _("Öre"), _("Kronor")]
        rows: list[list[Any]] = [
            [m.code, m.name, n.name, year, ore, kronor(ore)]
            for m in s.municipalities
            for n in s.networks
            if (ore := s.cells.get((m.pk, n.pk), 0))
        ]
        rows += [
            [m.code, m.name, _("Summa"), year, total, kronor(total)]
            for m, _cells, total in s.rows()
        ]
        rows.append(["", _("Totalt"), "", year, s.total, kronor(s.total)])
        return table_response(fmt, f"kostnader-kommuner-{year}", header, rows, title=str(year))
    if kind == "natverk":
        header = [
            _("Nätverk"),
            _("År"),
            _("Antal"),
            _("Totalt (öre)"),
            _("Fördelat (öre)"),
            _("Nätverkets egna (öre)"),
            _("Ej fördelat (öre)"),
            _("Totalt (kr)"),
        ]
        net_rows = [
            [
                r.network.name,
                r.year,
                r.count,
                r.total,
                r.allocated,
                r.not_shared,
                r.unallocated,
                kronor(r.total),
            ]
            for r in selectors.network_year_summary(year=year)
        ]
        return table_response(fmt, f"kostnader-natverk-{year}", header, net_rows, title=str(year))
    raise Http404
