"""Pages of the network workspace for the agreement and the work it governs. Thin: parse
input, call a service or selector, render (STYLE)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.agreements import access, list_files, selectors, services
from samverkan.agreements import matters as work
from samverkan.agreements.forms import (
    AgreementForm,
    BusinessPlanForm,
    ChairsCorrectionForm,
    ChairsForm,
    ContactForm,
    FocusAreaForm,
    MandateForm,
    MatterForm,
    MatterStatusForm,
    ReviewForm,
    WorkingGroupForm,
)
from samverkan.agreements.models import (
    AgreementVersion,
    BusinessPlan,
    FocusArea,
    Matter,
    WorkingGroup,
)
from samverkan.agreements.parameters import labels
from samverkan.cooperation.models import Municipality
from samverkan.core.pages import errors_as_messages, errors_on
from samverkan.files.tables import requested_format, table_response
from samverkan.networks.models import Membership, Network
from samverkan.people.models import Person


def _municipalities() -> Any:
    return Municipality.objects.members_on(timezone.localdate())


def _members(network: Network) -> Any:
    today = timezone.localdate()
    return (
        Person.objects.filter(
            pk__in=Membership.objects.on(today).filter(network=network).values("person_id")
        )
        .select_related("municipality")
        .order_by("name")
    )


def _focus_areas(network: Network) -> Any:
    return FocusArea.objects.filter(business_plan__network=network).select_related("business_plan")


# ---- agreement --------------------------------------------------------------------------------


@login_required
def agreement(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_agreement_network_for(request.user, slug)
    today = timezone.localdate()
    all_versions = selectors.versions(network)
    current = selectors.version_in_force(network, on=today)
    params = selectors.AgreementParameters.from_version(current)
    label = labels()
    rows = [(label[k], v) for k, v in params.as_dict().items()]
    diff = None
    if len(all_versions) >= 2:
        diff = selectors.version_diff(all_versions[1], all_versions[0])
    reviews = network.agreement_reviews.select_related("version").order_by("-year")
    meetings = dict(selectors.meeting_choices(network))
    return render(
        request,
        "agreements/agreement.html",
        {
            "network": network,
            "current": current,
            "versions": [(v, meetings.get(v.adopted_at_meeting_id or 0)) for v in all_versions],
            "rows": rows,
            "diff": diff,
            "reviews": reviews,
            "can_edit": access.can_edit_agreement(request.user, network),
        },
    )


@login_required
def agreement_edit(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_agreement_network_for(request.user, slug, write=True)
    today = timezone.localdate()
    current = selectors.version_in_force(network, on=today) or next(
        iter(selectors.versions(network)), None
    )
    form = AgreementForm(
        request.POST or None,
        initial=AgreementForm.initial_from(current, today),
        meetings=selectors.meeting_choices(network),
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            version = services.adopt_agreement_version(
                request.user,
                network,
                text=form.cleaned_data["text"],
                parameters=form.parameters(),
                adopted_on=form.cleaned_data["adopted_on"],
                meeting_id=form.cleaned_data["meeting_id"],
                note=form.cleaned_data["note"],
            )
            messages.success(
                request, _("Version %(n)d av överenskommelsen är sparad.") % {"n": version.number}
            )
            return redirect("agreements:agreement", slug=slug)
    return render(
        request,
        "agreements/agreement_edit.html",
        {"network": network, "form": form, "current": current},
    )


@login_required
def agreement_diff(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_agreement_network_for(request.user, slug)
    all_versions = selectors.versions(network)
    by_number = {v.number: v for v in all_versions}
    try:
        old = by_number[int(request.GET.get("fran", ""))]
        new = by_number[int(request.GET.get("till", ""))]
    except (KeyError, ValueError):
        if len(all_versions) < 2:
            return redirect("agreements:agreement", slug=slug)
        old, new = all_versions[1], all_versions[0]
    return render(
        request,
        "agreements/agreement_diff.html",
        {
            "network": network,
            "diff": selectors.version_diff(old, new),
            "versions": all_versions,
        },
    )


@login_required
def review(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_review_network_for(request.user, slug)
    today = timezone.localdate()
    versions = AgreementVersion.objects.filter(agreement__network=network).order_by("-number")
    form = ReviewForm(
        request.POST or None,
        versions=versions,
        meetings=selectors.meeting_choices(network),
        initial={"year": today.year, "held_on": today},
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            services.record_review(request.user, network, **form.cleaned_data)
            messages.success(request, _("Årets översyn av överenskommelsen är registrerad."))
            return redirect("agreements:agreement", slug=slug)
    return render(request, "agreements/review.html", {"network": network, "form": form})


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_agreement_network_for(request.user, slug)
    today = timezone.localdate()
    params = selectors.agreement_parameters(network, on=today)
    return render(
        request,
        "agreements/overview.html",
        {
            "network": network,
            "params": params,
            "year": today.year,
            "chairs": selectors.chair_municipalities(network, today.year),
            "next_chairs": selectors.chair_municipalities(network, today.year + 1),
            "plans": BusinessPlan.objects.filter(network=network).order_by("-year")[:5],
            "can_read_internal": access.can_see_work(request.user, network),
        },
    )


# ---- matters and mandates (F1-F3) -------------------------------------------------------------


def _matter_form(request: HttpRequest, network: Network) -> MatterForm:
    return MatterForm(
        request.POST or None,
        municipalities=_municipalities(),
        focus_areas=_focus_areas(network),
        working_groups=WorkingGroup.objects.filter(network=network),
    )


@login_required
def matters(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_matters_network_for(request.user, slug, write=request.method == "POST")
    if request.method != "POST" and (fmt := requested_format(request)):
        header, rows = list_files.matter_table(selectors.matters(network))
        return table_response(fmt, f"{network.slug}-fragor", header, rows, title=_("Frågor"))
    can_edit = access.can_edit_matters(request.user, network)
    form = _matter_form(request, network)
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            matter = work.record_matter(request.user, network, **form.cleaned_data)
            messages.success(request, _("Frågan %(t)s är registrerad.") % {"t": matter.title})
            return redirect("agreements:matters", slug=slug)
    params = selectors.agreement_parameters(network)
    return render(
        request,
        "agreements/matters.html",
        {
            "network": network,
            "matters": selectors.matters(network),
            "form": form,
            "can_edit": can_edit,
            "minimum": params.min_municipalities_per_matter,
        },
    )


@login_required
def matter(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item = access.get_matter_for(
        request.user,
        slug,
        pk,
        write=request.method == "POST",
        queryset=Matter.objects.select_related(
            "raised_by", "focus_area", "working_group"
        ).prefetch_related(
            "concerned", "organisations", "mandates__people", "mandates__represents"
        ),
    )
    network = item.network
    status_form = MatterStatusForm(
        request.POST if "status" in request.POST else None, initial={"status": item.status}
    )
    mandate_form = MandateForm(
        request.POST if "arena" in request.POST else None,
        people=_members(network),
        initial={"start_on": timezone.localdate()},
    )
    if request.method == "POST":
        with errors_on(status_form if status_form.is_bound else mandate_form):
            if status_form.is_bound and status_form.is_valid():
                work.advance_matter(request.user, item, status=status_form.cleaned_data["status"])
                messages.success(request, _("Frågans status är ändrad."))
                return redirect("agreements:matter", slug=slug, pk=pk)
            if mandate_form.is_bound and mandate_form.is_valid():
                work.mandate(request.user, network, matter=item, **mandate_form.cleaned_data)
                messages.success(request, _("Uppdraget är registrerat."))
                return redirect("agreements:matter", slug=slug, pk=pk)
    return render(
        request,
        "agreements/matter.html",
        {
            "network": network,
            "matter": item,
            "status_form": status_form,
            "mandate_form": mandate_form,
            "can_edit": access.can_edit_matters(request.user, network),
        },
    )


@login_required
def mandates(request: HttpRequest, slug: str) -> HttpResponse:
    """F3: the network's mandates, by person."""
    network = access.get_matters_network_for(request.user, slug)
    rows = (
        network.mandates.select_related("matter", "organisation")
        .prefetch_related("people", "represents")
        .order_by("-start_on")
    )
    by_person: dict[Person, list[Any]] = {}
    for row in rows:
        for person in row.people.all():
            by_person.setdefault(person, []).append(row)
    people = sorted(by_person.items(), key=lambda kv: selectors.swedish_key(kv[0].name))
    if fmt := requested_format(request):
        header, table = list_files.mandate_table(people)
        return table_response(fmt, f"{network.slug}-uppdrag", header, table, title=_("Uppdrag"))
    return render(request, "agreements/mandates.html", {"network": network, "people": people})


# ---- working groups (F4) ----------------------------------------------------------------------


@login_required
def working_groups(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_working_groups_network_for(
        request.user, slug, write=request.method == "POST"
    )
    if request.method != "POST" and (fmt := requested_format(request)):
        groups = selectors.working_groups(network, today=timezone.localdate())
        header, rows = list_files.working_group_table(groups)
        name = f"{network.slug}-arbetsgrupper"
        return table_response(fmt, name, header, rows, title=_("Arbetsgrupper"))
    can_edit = access.can_edit_working_groups(request.user, network)
    form = WorkingGroupForm(
        request.POST or None,
        people=_members(network),
        contacts=_members(network),
        focus_areas=_focus_areas(network),
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            group = work.start_working_group(request.user, network, **form.cleaned_data)
            messages.success(request, _("Arbetsgruppen %(n)s är startad.") % {"n": group.name})
            return redirect("agreements:working_groups", slug=slug)
    return render(
        request,
        "agreements/working_groups.html",
        {
            "network": network,
            "groups": selectors.working_groups(network, today=timezone.localdate()),
            "form": form,
            "can_edit": can_edit,
        },
    )


@login_required
def working_group(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = access.get_working_group_for(
        request.user,
        slug,
        pk,
        write=request.method == "POST",
        queryset=WorkingGroup.objects.select_related("contact", "focus_area").prefetch_related(
            "members"
        ),
    )
    network = group.network
    form = ContactForm(
        request.POST if "contact" in request.POST else None, contacts=_members(network)
    )
    if request.method == "POST":
        with errors_on(form):
            if "end" in request.POST:
                work.end_working_group(request.user, group)
                messages.success(request, _("Arbetsgruppen är avslutad."))
                return redirect("agreements:working_groups", slug=slug)
            if form.is_valid():
                work.change_working_group_contact(
                    request.user, group, contact=form.cleaned_data["contact"]
                )
                messages.success(request, _("Ny kontaktperson är sparad."))
                return redirect("agreements:working_group", slug=slug, pk=pk)
    flagged = (
        group.is_active_on(timezone.localdate())
        and not _members(network).filter(pk=group.contact_id).exists()
    )
    return render(
        request,
        "agreements/working_group.html",
        {
            "network": network,
            "group": group,
            "form": form,
            "flagged": flagged,
            "can_edit": access.can_edit_working_groups(request.user, network),
        },
    )


# ---- business plan (PR1, CO3) -----------------------------------------------------------------


@login_required
def business_plan(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    network = access.get_business_plan_network_for(
        request.user, slug, write=request.method == "POST"
    )
    can_edit = access.can_edit_business_plan(request.user, network)
    plan = selectors.business_plan(network, year)
    plan_form = BusinessPlanForm(
        request.POST if "summary" in request.POST else None,
        initial={"summary": plan.summary if plan else ""},
    )
    area_form = FocusAreaForm(
        request.POST if "name" in request.POST else None, municipalities=_municipalities()
    )
    if request.method == "POST":
        with errors_on(area_form if area_form.is_bound else plan_form):
            if "adopt" in request.POST and plan is not None:
                services.adopt_business_plan(request.user, plan)
                messages.success(
                    request, _("Verksamhetsplanen för %(y)d är antagen.") % {"y": year}
                )
                return redirect("agreements:business_plan", slug=slug, year=year)
            if plan_form.is_bound and plan_form.is_valid():
                services.save_business_plan(
                    request.user, network, year=year, summary=plan_form.cleaned_data["summary"]
                )
                messages.success(request, _("Verksamhetsplanen är sparad."))
                return redirect("agreements:business_plan", slug=slug, year=year)
            if area_form.is_bound and area_form.is_valid():
                if plan is None:
                    plan = services.save_business_plan(request.user, network, year=year)
                services.save_focus_area(request.user, plan, **area_form.cleaned_data)
                messages.success(request, _("Frågeområdet är sparat."))
                return redirect("agreements:business_plan", slug=slug, year=year)
    summary = selectors.business_plan_summary(network, year, plan)
    return render(
        request,
        "agreements/business_plan.html",
        {
            "network": network,
            "year": year,
            "plan": plan,
            "rows": summary.rows,
            "needed": summary.needed,
            "qualifying": summary.qualifying,
            "participating": summary.participating,
            "params": summary.params,
            "plan_form": plan_form,
            "area_form": area_form,
            "can_edit": can_edit,
        },
    )


@login_required
@require_POST
def focus_area_remove(request: HttpRequest, slug: str, year: int, pk: int) -> HttpResponse:
    area = access.get_focus_area_for(request.user, slug, year, pk)
    with errors_as_messages(request):
        services.remove_focus_area(request.user, area)
        messages.success(request, _("Frågeområdet är borttaget."))
    return redirect("agreements:business_plan", slug=slug, year=year)


# ---- chairs (CH2) -----------------------------------------------------------------------------


@login_required
def chairs(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_chairs_network_for(request.user, slug, write=request.method == "POST")
    today = timezone.localdate()
    next_year = today.year + 1
    proposal = selectors.propose_chairs(network, next_year)
    form = ChairsForm(
        request.POST or None,
        municipalities=_municipalities(),
        people=_members(network),
        initial={"year": next_year, "municipalities": [c.municipality for c in proposal]},
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            services.appoint_chairs(request.user, network, **form.cleaned_data)
            messages.success(
                request,
                _("Ordförande för %(y)d är utsedda.") % {"y": form.cleaned_data["year"]},
            )
            return redirect("agreements:chairs", slug=slug)
    return render(
        request,
        "agreements/chairs.html",
        {
            "network": network,
            "terms": [
                (t, services.chairs_can_be_withdrawn(t, today))
                for t in selectors.chairmanships(network)
            ],
            "proposal": proposal,
            "next_year": next_year,
            "params": selectors.agreement_parameters(network, on=today),
            "form": form,
            "can_edit": access.can_appoint_chairs(request.user, network),
        },
    )


@login_required
@require_POST
def chairs_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    term = access.get_chairmanship_for(request.user, slug, pk)
    with errors_as_messages(request):
        services.withdraw_chairs(request.user, term)
        messages.success(request, _("Ordförandeskapet för %(y)d är borttaget.") % {"y": term.year})
    return redirect("agreements:chairs", slug=slug)


@login_required
def chairs_correct(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Issue 16 §9: a term's chairs (also a past year's) corrected; the history keeps each
    change, the term is never removed."""
    term = access.get_chairmanship_for(request.user, slug, pk)
    network = term.network
    chairs = list(term.chairs.select_related("municipality", "person"))
    form = ChairsCorrectionForm(
        request.POST or None,
        municipalities=Municipality.objects.order_by("name"),
        people=_members(network),
        initial={
            "municipalities": [c.municipality for c in chairs],
            "persons": [c.person for c in chairs if c.person],
        },
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            services.correct_chairs(request.user, term, **form.cleaned_data)
            messages.success(
                request,
                _("Ordförandeskapet för %(y)d är rättat. Ändringen syns i historiken.")
                % {"y": term.year},
            )
            return redirect("agreements:chairs", slug=slug)
    return render(
        request,
        "agreements/chairs_correct.html",
        {"network": network, "term": term, "chairs": chairs, "form": form},
    )


# ---- onboarding (PR3) -------------------------------------------------------------------------


@login_required
def onboarding(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_onboarding_network_for(request.user, slug)
    tasks = selectors.onboarding_tasks(network)
    return render(
        request,
        "agreements/onboarding.html",
        {
            "network": network,
            "tasks": [(t, access.can_complete_onboarding_task(request.user, t)) for t in tasks],
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def onboarding_done(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    task = access.get_onboarding_task_for(request.user, slug, pk, write=True)
    work.complete_onboarding_task(request.user, task)
    messages.success(request, _("Introduktionen är markerad som klar."))
    return redirect("agreements:onboarding", slug=slug)
