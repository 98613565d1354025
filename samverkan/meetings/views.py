"""Thin views over the meetings services and selectors (STYLE): parse input, call, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.agreements.models import AgreementReview
from samverkan.core.errors import ServiceError
from samverkan.core.pages import errors_as_messages, errors_on, year_asked
from samverkan.files.serving import file_response
from samverkan.files.tables import requested_format, requested_list, table_response
from samverkan.meetings import access, list_files, selectors, services
from samverkan.meetings import attendance as attendance_services
from samverkan.meetings.calendar import ics_filename, meeting_ics
from samverkan.meetings.feeds import live_feed
from samverkan.meetings.forms import (
    AddAttendeeForm,
    AgendaItemForm,
    AttachmentForm,
    AttendanceListForm,
    CancelForm,
    MeetingForm,
    MinutesForm,
    OwnAttendanceForm,
    ProposalFormSet,
    YearPlanParametersForm,
)
from samverkan.meetings.models import AgendaItem, Attachment, Attendance, Minutes
from samverkan.meetings.pdf import meeting_pdf
from samverkan.meetings.planning import ProposedMeeting, default_count, propose_year
from samverkan.networks.access import can_manage_meetings, roles_in
from samverkan.people.access import person_for
from samverkan.people.models import Person


def _meeting_fields(form: MeetingForm) -> dict[str, Any]:
    """A valid MeetingForm, as schedule_meeting and move_meeting take it."""
    starts_at, ends_at = form.times()
    data = form.cleaned_data
    return {
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": data["place"],
        "host": data["host"],
        "title": data["title"],
    }


@login_required
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_meetings_network_for(request.user, slug)
    year = year_asked(request)
    meetings = list(selectors.meeting_list(network, year=year))
    if fmt := requested_format(request):
        header, rows = list_files.meeting_table(meetings, now=timezone.now())
        name = f"{network.slug}-moten-{year}"
        return table_response(fmt, name, header, rows, title=_("Möten %(year)s") % {"year": year})
    context = {
        "network": network,
        "year": year,
        "years": selectors.meeting_years(network),
        "meetings": meetings,
        "can_manage": can_manage_meetings(request.user, network),
        "feed": live_feed(person=person_for(request.user), network=network),
        "today": timezone.localdate(),
        "now": timezone.now(),
    }
    return render(request, "meetings/list.html", context)


@login_required
def attendance_statistics(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_meetings_network_for(request.user, slug)
    year = year_asked(request)
    stats = selectors.attendance_stats(network, year)
    if fmt := requested_format(request):
        # Two lists on the page: per municipality (?lista=kommuner, the default) and per person.
        if requested_list(request) == "personer":
            header, rows = list_files.attendance_year_table(stats.people, first=_("Person"))
            name, title = f"{network.slug}-narvaro-{year}-personer", _("Närvaro per person")
        else:
            header, rows = list_files.attendance_year_table(stats.municipalities, first=_("Kommun"))
            name, title = f"{network.slug}-narvaro-{year}-kommuner", _("Närvaro per kommun")
        return table_response(fmt, name, header, rows, title=f"{title} {year}")
    return render(
        request,
        "meetings/statistics.html",
        {
            "network": network,
            "year": year,
            "years": selectors.meeting_years(network),
            "stats": stats,
        },
    )


@login_required
def plan_year(request: HttpRequest, slug: str) -> HttpResponse:
    """Two steps: the parameters give a proposal; the adjusted proposal is saved at once."""
    network = access.get_meetings_network_for(request.user, slug, manage=True)
    year = year_asked(request) if "ar" in request.GET else timezone.localdate().year + 1
    params = YearPlanParametersForm(
        request.POST or None,
        initial={
            "year": year,
            "weekday": 1,
            "start_time": "09:00",
            "end_time": "12:00",
            "skip_months": [7],
            "count": default_count(network, year),
        },
    )
    formset = None
    if request.method == "POST" and params.is_valid():
        data = params.cleaned_data
        if "save" in request.POST:
            formset = ProposalFormSet(request.POST, network=network, prefix="m")  # type: ignore[call-arg]
            if formset.is_valid():
                chosen = [
                    ProposedMeeting(
                        day=f["day"],
                        start_time=f["start_time"],
                        end_time=f["end_time"],
                        host=f["host"],
                        place=f["place"],
                    )
                    for f in formset.cleaned_data
                    if f.get("include")
                ]
                try:
                    saved = services.plan_year(
                        request.user, network, year=data["year"], meetings=chosen
                    )
                    messages.success(request, _("%(n)s möten är planerade.") % {"n": len(saved)})
                    return redirect(f"{_list_url(network)}?ar={data['year']}")
                except ServiceError as exc:
                    params.add_error(None, exc.message)
        else:
            with errors_on(params):
                proposal = propose_year(
                    network,
                    year=data["year"],
                    weekday=data["weekday"],
                    start_time=data["start_time"],
                    end_time=data["end_time"],
                    skip_months=set(data["skip_months"]),
                    count=data["count"],
                )
                formset = ProposalFormSet(  # type: ignore[call-arg]
                    network=network,
                    prefix="m",
                    initial=[
                        {
                            "include": True,
                            "day": p.day,
                            "start_time": p.start_time,
                            "end_time": p.end_time,
                            "host": p.host,
                            "place": p.place,
                        }
                        for p in proposal
                    ],
                )
    return render(
        request,
        "meetings/plan_year.html",
        {"network": network, "params": params, "formset": formset},
    )


def _list_url(network: Any) -> str:
    from django.urls import reverse

    return reverse("meetings:list", kwargs={"slug": network.slug})


@login_required
def meeting_new(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_meetings_network_for(request.user, slug, manage=True)
    form = MeetingForm(
        request.POST or None,
        network=network,
        initial={"start_time": "09:00", "end_time": "12:00"},
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            meeting = services.schedule_meeting(request.user, network, **_meeting_fields(form))
            messages.success(request, _("Mötet är inlagt och kallelsen skickad."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"network": network, "form": form, "meeting": None},
    )


@login_required
def meeting_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, slug, pk, write=True)
    form = MeetingForm(
        request.POST or None,
        network=meeting.network,
        initial={
            "title": meeting.title,
            "day": meeting.local_start.date(),
            "start_time": meeting.local_start.time(),
            "end_time": meeting.local_end.time(),
            "place": meeting.place,
            "host": meeting.host,
        },
    )
    cancel_form = CancelForm()
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            services.move_meeting(request.user, meeting, **_meeting_fields(form))
            messages.success(request, _("Mötet är ändrat och ändringen skickad."))
            return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"network": meeting.network, "form": form, "meeting": meeting, "cancel_form": cancel_form},
    )


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, slug, pk, write=True)
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    with errors_as_messages(request):
        services.cancel_meeting(request.user, meeting, reason=reason)
        messages.success(request, _("Mötet är inställt och alla är meddelade."))
    return redirect(meeting)


@login_required
def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    found = access.get_meeting_for(request.user, slug, pk)
    meeting = selectors.meeting_detail(found.pk, found.network)
    if fmt := requested_format(request):
        header, rows = list_files.attendance_table(meeting)
        day = meeting.local_start.date()
        name = f"{meeting.network.slug}-narvaro-{day.isoformat()}"
        title = _("Närvaro %(day)s") % {"day": day.isoformat()}
        return table_response(fmt, name, header, rows, title=title)
    can_manage = can_manage_meetings(request.user, meeting.network)
    person = person_for(request.user)
    own = next(
        (a for a in meeting.attendances.all() if person and a.person_id == person.pk),
        None,
    )
    context = {
        "network": meeting.network,
        "meeting": meeting,
        "can_manage": can_manage,
        "minutes": getattr(meeting, "minutes", None),
        "agenda_form": AgendaItemForm(),
        "attachment_form": AttachmentForm(),
        "own_form": OwnAttendanceForm(initial={"status": own.status if own else "present"}),
        "own": own,
        "is_member": bool(roles_in(request.user, meeting.network)),
    }
    return render(request, "meetings/detail.html", context)


@login_required
@require_POST
def agenda_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, slug, pk, write=True)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        with errors_as_messages(request):
            services.add_agenda_item(request.user, meeting, **form.cleaned_data)
            messages.success(request, _("Punkten är tillagd."))
    else:
        messages.error(request, _("Ange en rubrik för punkten."))
    return redirect(meeting)


@login_required
@require_POST
def agenda_item_action(request: HttpRequest, slug: str, pk: int, item: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, slug, pk, write=True)
    agenda_item = get_object_or_404(AgendaItem, pk=item, meeting=meeting)
    action = request.POST.get("action")
    with errors_as_messages(request):
        if action == "remove":
            services.remove_agenda_item(request.user, agenda_item)
            messages.success(request, _("Punkten är borttagen."))
        elif action in ("up", "down"):
            services.move_agenda_item(request.user, agenda_item, up=action == "up")
    return redirect(meeting)


@login_required
@require_POST
def attachment_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, slug, pk, write=True)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        with errors_as_messages(request):
            services.add_attachment(
                request.user,
                meeting,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
            messages.success(request, _("Bilagan är uppladdad."))
    else:
        messages.error(request, _("Välj en fil att ladda upp."))
    return redirect(meeting)


@login_required
def attachment_download(request: HttpRequest, slug: str, pk: int, file: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, slug, pk)
    attachment = get_object_or_404(Attachment, pk=file, meeting=meeting)
    if request.method == "POST":
        services.remove_attachment(request.user, attachment)
        messages.success(request, _("Bilagan är borttagen."))
        return redirect(meeting)
    return file_response(attachment.file)


@login_required
def attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The secretary's list: every member on the meeting's day, plus anyone added by e-mail
    (refused where substitutes are not allowed, CO1)."""
    meeting = access.get_meeting_for(request.user, slug, pk, write=True)
    current = {
        a.person_id: a for a in Attendance.objects.filter(meeting=meeting).select_related("person")
    }
    people = selectors.members_on(meeting.network, meeting.local_start.date())
    people += [a.person for pid, a in current.items() if pid not in {p.pk for p in people}]
    statuses = {pid: a.status for pid, a in current.items()}
    form = AttendanceListForm(
        request.POST if "save_list" in request.POST else None, people=people, current=statuses
    )
    add_form = AddAttendeeForm(request.POST if "add" in request.POST else None)
    if request.method == "POST" and "save_list" in request.POST and form.is_valid():
        try:
            for name, person in form.people.items():
                status = form.cleaned_data.get(name) or ""
                if status and status != statuses.get(person.pk):
                    attendance_services.record_attendance(
                        request.user, meeting, person=person, status=status
                    )
                elif not status and person.pk in current:
                    attendance_services.remove_attendance(request.user, current[person.pk])
            messages.success(request, _("Närvaron är sparad."))
            return redirect("meetings:attendance", slug=slug, pk=pk)
        except ServiceError as exc:
            form.add_error(None, exc.message)
    if request.method == "POST" and "add" in request.POST and add_form.is_valid():
        person = Person.objects.filter(email__iexact=add_form.cleaned_data["email"]).first()
        if person is None:
            add_form.add_error("email", _("Det finns ingen person med den e-postadressen."))
        else:
            try:
                attendance_services.record_attendance(
                    request.user, meeting, person=person, status=add_form.cleaned_data["status"]
                )
                messages.success(request, _("%(name)s är tillagd.") % {"name": person.name})
                return redirect("meetings:attendance", slug=slug, pk=pk)
            except ServiceError as exc:
                add_form.add_error("email", exc.message)
    return render(
        request,
        "meetings/attendance.html",
        {"network": meeting.network, "meeting": meeting, "form": form, "add_form": add_form},
    )


@login_required
@require_POST
def own_attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, slug, pk)
    form = OwnAttendanceForm(request.POST)
    person = person_for(request.user)
    if form.is_valid() and person is not None:
        with errors_as_messages(request):
            attendance_services.record_attendance(
                request.user, meeting, person=person, status=form.cleaned_data["status"]
            )
            messages.success(request, _("Din närvaro är registrerad."))
    return redirect(meeting)


@login_required
def minutes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, slug, pk, write=True)
    record = Minutes.objects.filter(meeting=meeting).first()
    items = list(meeting.agenda_items.all())
    form = MinutesForm(
        request.POST or None,
        items=items,
        review_choices=AgreementReview.Outcome.choices,
        initial={
            "text": record.text if record else "",
            "version": record.version if record else None,
        },
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            # Saving and approving are one step: a refused approval (e.g. before the meeting
            # has started, issue 16 §8) writes nothing, so the form's version stays right.
            with transaction.atomic():
                saved = services.save_minutes(
                    request.user,
                    meeting,
                    text=form.cleaned_data["text"],
                    outcomes=form.outcomes(),
                    review_outcome=form.cleaned_data.get("review_outcome", ""),
                    expected_version=form.cleaned_data["version"] if record else None,
                )
                if "approve" in request.POST:
                    services.approve_minutes(request.user, meeting, expected_version=saved.version)
            if "approve" in request.POST:
                messages.success(request, _("Protokollet är justerat."))
                return redirect(meeting)
            messages.success(request, _("Protokollet är sparat som utkast."))
            return redirect("meetings:minutes", slug=slug, pk=pk)
    return render(
        request,
        "meetings/minutes.html",
        {
            "network": meeting.network,
            "meeting": meeting,
            "form": form,
            "record": record,
            "started": meeting.starts_at <= timezone.now(),
        },
    )


@login_required
def document_pdf(request: HttpRequest, slug: str, pk: int, kind: str) -> HttpResponse:
    """The agenda (kallelse) or the minutes as PDF in the graphic profile (N5)."""
    if kind not in ("dagordning", "protokoll"):
        raise Http404
    found = access.get_meeting_for(request.user, slug, pk)
    meeting = selectors.meeting_detail(found.pk, found.network)
    record = getattr(meeting, "minutes", None)
    if kind == "protokoll" and record is None:
        raise Http404(_("Mötet har inget protokoll ännu."))
    template = "meetings/pdf/minutes.html" if kind == "protokoll" else "meetings/pdf/agenda.html"
    data = meeting_pdf(
        template, {"meeting": meeting, "minutes": record, "generated": timezone.localtime()}
    )
    name = f"{kind}-{meeting.network.slug}-{meeting.local_start:%Y-%m-%d}.pdf"
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def meeting_calendar(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for(request.user, slug, pk)
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(meeting)}"'
    return response
