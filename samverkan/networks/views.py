"""Thin views: parse input, call a service or selector, render (STYLE)."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.compliance.stored import stored_verdicts
from samverkan.cooperation.models import Municipality
from samverkan.core.errors import ConflictError, ServiceError
from samverkan.core.pages import errors_as_messages, errors_on, query_without_page, show_error
from samverkan.core.plugins import render_sections
from samverkan.files.tables import requested_format, table_response
from samverkan.history import fragments
from samverkan.history.fragments import fragment_key
from samverkan.networks import access, plan_editor, selectors, services
from samverkan.networks.access import Need
from samverkan.networks.forms import (
    AddMemberForm,
    CatalogueFilterForm,
    PlanCommentForm,
    YearPlanForm,
    status_choices,
)
from samverkan.networks.list_files import member_table
from samverkan.networks.models import Network, YearPlan
from samverkan.people.access import is_secretariat
from samverkan.people.services import find_or_create_person


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context: dict[str, Any] = {
        "network_count": Network.objects.filter(status=Network.Status.ACTIVE).count(),
        "municipality_count": Municipality.objects.members_on(today).count(),
        "can_read_catalogue": access.can_read_catalogue(request.user),
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "networks/home.html", context)


def catalogue(request: HttpRequest) -> HttpResponse:
    if not access.can_read_catalogue(request.user, request=request):
        return redirect_to_login(request.get_full_path())
    today = timezone.localdate()
    authenticated = request.user.is_authenticated
    show_contacts = access.can_see_contacts(request.user)
    fmt = requested_format(request)
    results_only = bool(request.htmx and request.htmx.target == "results")  # type: ignore[attr-defined]
    # The same for every viewer of a kind (history/fragments.py): kept until the data changes.
    key = None
    if not fmt:
        key = fragment_key(
            "catalogue",
            authenticated,
            show_contacts,
            results_only,
            sorted(request.GET.lists()),
            today=today,
        )
    cached = fragments.get(key)
    # htmx asks for the results alone (templates/networks/catalogue.html#results), kept apart.
    names = ("results_key", "results_fragment") if results_only else ("fragment_key", "fragment")
    context: dict[str, Any] = dict(zip(names, (key, cached), strict=True))
    if cached is None:
        form = CatalogueFilterForm(
            request.GET or None,
            initial={"status": Network.Status.ACTIVE},
            statuses=status_choices(authenticated),
        )
        data = form.cleaned_data if form.is_valid() else {}
        filters = selectors.CatalogueFilters(
            q=data.get("q") or "",
            municipality=data.get("municipality") or "",
            area=data.get("area") or "",
            development_area=data.get("development_area") or "",
            status=data.get("status") or Network.Status.ACTIVE,
        )
        if fmt:  # every network the filters match, not one page
            networks = selectors.catalogue_page_networks(
                viewer=request.user, filters=filters, today=today
            )
            entries = selectors.catalogue_entries(networks, today=today, contacts=show_contacts)
            header, table = catalogue_table(entries, show_contacts=show_contacts)
            return table_response(fmt, "natverkskatalogen", header, table, title=_("Nätverk"))
        matches = selectors.catalogue_matches(viewer=request.user, filters=filters, today=today)
        ids = matches.values_list("pk", flat=True)
        page = Paginator(ids, settings.CATALOGUE_PAGE_SIZE).get_page(request.GET.get("sida"))
        context.update(
            form=form,
            page=page,
            rows=selectors.catalogue_entries(
                selectors.catalogue_page_of(list(page.object_list), today=today),
                today=today,
                contacts=show_contacts,
            ),
            query=query_without_page(request),
            show_contacts=show_contacts,
        )
    template = "networks/catalogue.html"
    if results_only:
        template += "#results"
    return render(request, template, context)


def catalogue_table(
    entries: Iterable[selectors.CatalogueEntry], *, show_contacts: bool
) -> tuple[list[str], list[list[Any]]]:
    """The catalogue as a file: what each entry of the page shows, the purpose in full."""
    header = [
        _("Nätverk"),
        _("Status"),
        _("Verksamhetsområde"),
        _("Antal kommuner"),
        _("Årsplan"),
        _("Syfte"),
    ]
    if show_contacts:
        header.append(_("Samordnare"))
    rows = []
    for entry in entries:
        network = entry.network
        row: list[Any] = [
            network.name,
            network.get_status_display(),
            network.area.name,
            entry.municipality_count,
            entry.plan_year,
            entry.plan_purpose,
        ]
        if show_contacts:
            row.append(", ".join(entry.coordinators))
        rows.append(row)
    return header, rows


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    today = timezone.localdate()
    # The public page is the same for every anonymous visitor (history/fragments.py), and so
    # is the answer to whether they may see it; a signed-in viewer's page shows their own
    # rights, checklist and history, built every time.
    key = None
    if request.user.is_authenticated:
        network = access.get_network_for(request.user, slug)
    else:
        key = fragment_key("network", slug, today=today)
        network = fragments.get_object(f"{key}:row")
        if network is None:
            network = access.get_network_for(request.user, slug)  # 404s are not kept
            fragments.put_object(f"{key}:row", network)
    cached = fragments.get(key)
    context: dict[str, Any] = {"network": network, "fragment_key": key, "fragment": cached}
    if cached is None:
        checklist = None  # the stored verdicts of this year (compliance/stored.py), current
        if access.can_see_verdicts(request.user, network):
            checklist = stored_verdicts([network], today.year, today=today)[0]
        # The history in words is the same for everyone who may read it (the template shows
        # it only to them): kept until the next history entry (issue 17).
        history_key = fragment_key("network-history", network.pk, today=today)
        history = fragments.get(history_key)
        context.update(history_key=history_key, history_fragment=history)
        context.update(
            p=selectors.network_page(
                network, viewer=request.user, today=today, with_history=history is None
            ),
            checklist=checklist,
            # What the rooms above add to the page (core/plugins.py): links, the agreement panel.
            link_sections=render_sections("network.links", request, network, today),
            sections=render_sections("network", request, network, today),
        )
    return render(request, "networks/detail.html", context)


def _plan_initial(network: Network, plan: YearPlan | None, year: int) -> dict[str, Any]:
    initial: dict[str, Any] = {"version": plan.version if plan else 0}
    # Without a plan for the year, start from last year's: N3 asks for an update, not a blank page.
    source = plan or network.year_plans.filter(year__lt=year).order_by("-year").first()
    if source is not None:
        initial.update(
            purpose=source.purpose,
            goals=source.goals,
            meeting_organisation=source.meeting_organisation,
            contribution=source.contribution,
            development_areas=list(source.development_areas.all()),
        )
    return initial


def _save_plan(request: HttpRequest, network: Network, year: int, data: dict[str, Any]) -> None:
    """Save the draft ("Spara utkast"), or save and adopt it in one transaction ("Spara och
    anta planen"), so that a refused adoption writes nothing (issue 16, point 1)."""
    save = services.save_and_adopt_year_plan if "adopt" in request.POST else services.save_year_plan
    save(
        request.user,
        network,
        year=year,
        purpose=data["purpose"],
        goals=data["goals"],
        meeting_organisation=data["meeting_organisation"],
        contribution=data["contribution"],
        development_areas=data["development_areas"],
        expected_version=data["version"],
    )


def _conflicting(request: HttpRequest, year: int, stored: YearPlan | None) -> YearPlanForm:
    """After a conflict: the user's text stays in the form, which now names the stored
    version, so that saving again (having seen that version beside it) saves the user's text."""
    data = request.POST.copy()
    data["version"] = str(stored.version if stored else 0)
    form = YearPlanForm(data, year=year)
    form.is_valid()
    return form


@login_required
def plan_edit(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    network = access.get_network_for(request.user, slug, need=Need.EDIT)
    plan = YearPlan.objects.filter(network=network, year=year).first()
    form = YearPlanForm(request.POST or None, initial=_plan_initial(network, plan, year), year=year)
    other = None  # the version somebody else saved meanwhile, shown beside the user's text
    if request.method == "POST" and form.is_valid():
        try:
            _save_plan(request, network, year, form.cleaned_data)
        except ConflictError as exc:
            plan = other = YearPlan.objects.filter(network=network, year=year).first()
            form = _conflicting(request, year, other)
            form.add_error(None, exc.message)
        except ServiceError as exc:
            show_error(form, exc)
        else:
            if "adopt" in request.POST:
                messages.success(request, _("Årsplanen för %(year)s är antagen.") % {"year": year})
                return redirect(network)
            messages.success(request, _("Årsplanen är sparad."))
            return redirect("networks:plan_edit", slug=slug, year=year)
    context = {"network": network, "year": year, "plan": plan, "form": form, "other": other}
    context.update(plan_editor.context(request.user, network, plan, year))
    return render(request, "networks/plan_edit.html", context)


@login_required
@require_POST
def plan_comment(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """A comment on the draft plan (issue 16, point 11), back to the editor's thread."""
    network = access.get_network_for(request.user, slug, need=Need.EDIT)
    plan = YearPlan.objects.filter(network=network, year=year).first()
    form = PlanCommentForm(request.POST, prefix="comment")
    with errors_as_messages(request):
        if plan is None:
            raise ServiceError(_("Spara planen som utkast innan den kommenteras."))
        if not form.is_valid():  # empty, too long or with a NUL byte: say which
            errors = [str(e) for e in form.errors.get("text", [])]
            raise ServiceError(" ".join(errors) or _("Skriv en kommentar."))
        services.comment_on_year_plan(request.user, plan, text=form.cleaned_data["text"])
        messages.success(request, _("Kommentaren är sparad."))
    url = reverse("networks:plan_edit", kwargs={"slug": slug, "year": year})
    return redirect(f"{url}#kommentarer")


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    need = Need.EDIT if request.method == "POST" else Need.READ
    network = access.get_network_for(request.user, slug, need=need)
    can_edit = access.can_edit_network(request.user, network)
    today = timezone.localdate()
    show_contacts = access.can_see_contacts(request.user)
    if request.method != "POST" and (fmt := requested_format(request)):
        header, rows = member_table(
            selectors.member_rows(network, today=today), show_contacts=show_contacts
        )
        return table_response(fmt, f"{network.slug}-medlemmar", header, rows, title=_("Medlemmar"))
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_on(form):
            with transaction.atomic():
                person = find_or_create_person(
                    request.user,
                    email=data["email"],
                    name=data["name"],
                    title=data["title"],
                    municipality=data["municipality"],
                )
                services.add_membership(
                    request.user,
                    network,
                    person=person,
                    role=data["role"],
                    municipality=data["municipality"],
                    start_on=data["start_on"],
                )
            messages.success(request, _("%(name)s är tillagd.") % {"name": person.name})
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect("networks:members", slug=slug)
            form = AddMemberForm()
    context = {
        "network": network,
        "rows": selectors.member_rows(network, today=today),
        "form": form,
        "can_edit": can_edit,
        "show_contacts": show_contacts,
        "today": today,
    }
    template = "networks/members.html"
    if request.htmx:  # type: ignore[attr-defined]
        template += "#members"
    return render(request, template, context)


@login_required
@require_POST
def member_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = access.get_membership_for(request.user, slug, pk)
    services.end_membership(request.user, membership)
    messages.success(
        request,
        _("%(name)s är inte längre %(role)s.")
        % {"name": membership.person.name, "role": membership.get_role_display().lower()},
    )
    return redirect("networks:members", slug=slug)
