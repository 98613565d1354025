"""The municipality page: the networks it takes part in and those it left, its people and
their roles, its pending consultations (SPEC §5), and the register of its management
contacts (förvaltningsledning), which the secretariat keeps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.activation.services import has_activated
from samverkan.cooperation.access import get_management_contact_for, get_municipality
from samverkan.cooperation.models import Municipality
from samverkan.core.pages import errors_as_messages, query_without_page
from samverkan.core.plugins import render_sections, section_table_for
from samverkan.files.tables import requested_format, requested_list, table_response
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.municipalities import selectors
from samverkan.networks.municipalities.forms import ManagementContactForm, PeopleFilterForm
from samverkan.people.access import is_secretariat, require_secretariat
from samverkan.people.models import Person

PEOPLE_PAGE_SIZE = 50


@login_required
def municipality_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = Municipality.objects.members_on(today).order_by("name")
    context = {"rows": rows, "is_secretariat": is_secretariat(request.user)}
    return render(request, "municipalities/list.html", context)


def _roles(person: Person) -> str:
    """E.g. "Socialchefsnätverket (samordnare, medlem); IT-chefsnätverket (medlem)"."""
    by_network: dict[str, list[str]] = {}
    for m in person.current_memberships:  # type: ignore[attr-defined]
        by_network.setdefault(m.network.name, []).append(str(m.get_role_display()).lower())
    return "; ".join(f"{name} ({', '.join(roles)})" for name, roles in by_network.items())


def _organisation(person: Person) -> str:
    if person.municipality is not None:
        return person.municipality.name
    return person.organisation.name if person.organisation is not None else ""


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    """The secretariat's register of people, with their roles in the networks; searched by a
    part of a name or an address, filtered by municipality."""
    require_secretariat(request.user)
    form = PeopleFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    people = selectors.people_register(
        q=data.get("q") or "", municipality=data.get("municipality"), today=timezone.localdate()
    )
    header = [
        _("Namn"),
        _("Titel"),
        _("Kommun eller organisation"),
        _("E-post"),
        _("Telefon"),
        _("Nätverk och roller"),
        _("Konto aktiverat"),
    ]
    if fmt := requested_format(request):  # everyone the search finds, not one page
        rows = [
            [
                p.name,
                p.title,
                _organisation(p),
                p.email,
                p.phone,
                _roles(p),
                has_activated(p),
            ]
            for p in people
        ]
        return table_response(fmt, "personer", header, rows, title=_("Personer"))
    page = Paginator(people, PEOPLE_PAGE_SIZE).get_page(request.GET.get("sida"))
    context = {
        "form": form,
        "page": page,
        "rows": [(p, _organisation(p), _roles(p), has_activated(p)) for p in page.object_list],
        "header": header,
        "query": query_without_page(request),
    }
    return render(request, "municipalities/people.html", context)


@login_required
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    today = timezone.localdate()
    if fmt := requested_format(request):  # one of the sections' lists, `?lista=…`
        name = requested_list(request) or "natverk"  # the page's first
        table = section_table_for("municipality", name, request, municipality, today)
        if table is None:
            raise Http404
        return table_response(fmt, table.filename, table.header, table.rows, title=table.title)
    context = {
        "municipality": municipality,
        "sections": render_sections("municipality", request, municipality, today),
    }
    return render(request, "municipalities/detail.html", context)


@login_required
@require_POST
def contact_add(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    require_secretariat(request.user)
    form = ManagementContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fyll i verksamhetsområde, namn och en giltig e-postadress."))
    else:
        with errors_as_messages(request):
            lifecycle.add_management_contact(request.user, municipality, **form.cleaned_data)
            messages.success(request, _("Förvaltningsledningen är registrerad."))
    return redirect("municipalities:detail", slug=slug)


@login_required
@require_POST
def contact_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    contact = get_management_contact_for(request.user, slug, pk)
    lifecycle.remove_management_contact(request.user, contact)
    messages.success(request, _("Förvaltningsledningen är borttagen."))
    return redirect("municipalities:detail", slug=slug)


# ---- the sections of this app ---------------------------------------------------------------
