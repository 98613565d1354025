"""Pages of the network lifecycle: propose, the start's progress, answers (in the app and by
personal link), activation, joining and leaving, closing and the archive export (S1-S4, P1,
P2, C1). Thin: parse, call a service, render; service errors become Swedish messages."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.cooperation.access import municipalities_to_act_for
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.core.pages import errors_as_messages, errors_on
from samverkan.networks import access
from samverkan.networks.access import Need
from samverkan.networks.lifecycle import access as lifecycle_access
from samverkan.networks.lifecycle import on_behalf
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.lifecycle.export import export_network
from samverkan.networks.lifecycle.forms import (
    AnswerForm,
    CloseForm,
    ConfirmAnswerForm,
    ConfirmCloseForm,
    ParticipationRequestForm,
    ProposeForm,
)
from samverkan.networks.lifecycle.similar import similar_networks
from samverkan.networks.lifecycle.starting import load_start_facts, steps_left
from samverkan.networks.lifecycle.tokens import link_holder, read_answer_token
from samverkan.networks.models import Network, Participation
from samverkan.notifications.models import Notification
from samverkan.people.access import viewer_for


@login_required
def propose(request: HttpRequest) -> HttpResponse:
    form = ProposeForm(request.POST or None)
    similar: list[Network] = []
    if request.method == "POST" and form.is_valid():
        # Issue 16 §10: networks with a close name are shown before the proposal is sent; it
        # goes out once the proposer has seen them and still sends it.
        similar = similar_networks(form.cleaned_data["name"])
        if similar and request.POST.get("seen_similar") != form.cleaned_data["name"]:
            return render(
                request,
                "networks/propose.html",
                {"form": form, "similar": similar, "seen_name": form.cleaned_data["name"]},
            )
        with errors_on(form):
            network = lifecycle.propose_network(request.user, **form.cleaned_data)
            messages.success(
                request, _("Förslaget är registrerat och kommunerna är inbjudna att svara.")
            )
            return redirect("networks:progress", slug=network.slug)
    return render(request, "networks/propose.html", {"form": form})


@login_required
def progress(request: HttpRequest, slug: str) -> HttpResponse:
    """The proposal's steps, for everybody involved (S1-S4)."""
    network = access.get_network_for(request.user, slug)
    today = timezone.localdate()
    facts = load_start_facts(network, today)
    contacts = lifecycle.management_contacts(network.area_id, [m.pk for m in facts.members])
    viewer = viewer_for(request.user)
    rows = []
    for municipality in facts.members:
        participation = facts.participations.get(municipality.pk)
        people = contacts.get(municipality.pk, [])
        may_answer = (
            network.status in lifecycle.OPEN_PROPOSAL
            and participation is not None
            and participation.invited_on is not None
            and not participation.answer
            and (viewer.is_secretariat or (viewer.person is not None and viewer.person in people))
        )
        rows.append(
            {
                "municipality": municipality,
                "p": participation,
                "contacts": people,
                "may_answer": may_answer,
            }
        )
    informed = Notification.objects.filter(key=f"majority-reached:{network.pk}").first()
    context = {
        "network": network,
        "facts": facts,
        "rows": rows,
        "steps": steps_left(facts),
        "informed": informed,
        "can_edit": access.can_edit_network(request.user, network),
        "answer_form": AnswerForm(),
        "open": network.status in lifecycle.OPEN_PROPOSAL,
    }
    return render(request, "networks/progress.html", context)


@login_required
@require_POST
def answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    participation = lifecycle_access.get_participation_for(request.user, slug, pk)
    form = AnswerForm(request.POST)
    if form.is_valid() and on_behalf.answers_on_behalf(request.user, participation):
        return _answer_on_behalf(request, slug, participation)
    if not form.is_valid():
        messages.error(request, _("Svara ja eller nej."))
    else:
        with errors_as_messages(request):
            lifecycle.answer_invitation(
                request.user, participation, answer=form.cleaned_data["answer"]
            )
            messages.success(
                request,
                _("Svaret för %(muni)s är registrerat.")
                % {"muni": participation.municipality.name},
            )
    return redirect("networks:progress", slug=slug)


def _answer_on_behalf(
    request: HttpRequest, slug: str, participation: Participation
) -> HttpResponse:
    """Issue 16 §8: an answer recorded for a municipality by someone else (the secretariat) is
    a step of its own: a page says for whom and what, asks how the answer came, and only its
    "Registrera svaret" records it."""
    if not lifecycle_access.can_answer_invitation(request.user, participation):
        raise PermissionDenied(
            _("Bara förvaltningsledningen i %(muni)s eller sekretariatet kan svara.")
            % {"muni": participation.municipality.name}
        )
    confirming = "note" in request.POST
    form = ConfirmAnswerForm(
        request.POST if confirming else None, initial={"answer": request.POST.get("answer")}
    )
    if confirming and form.is_valid():
        with errors_on(form):
            lifecycle.answer_invitation(
                request.user,
                participation,
                answer=form.cleaned_data["answer"],
                note=form.cleaned_data["note"],
            )
            messages.success(
                request,
                _("Svaret för %(muni)s är registrerat.")
                % {"muni": participation.municipality.name},
            )
            return redirect("networks:progress", slug=slug)
    answer_value = request.POST.get("answer", "")
    return render(
        request,
        "networks/answer_confirm.html",
        {
            "network": participation.network,
            "participation": participation,
            "form": form,
            "answer_label": dict(Participation.Answer.choices).get(answer_value, ""),
        },
    )


def answer_link(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link of an invitation e-mail: works without signing in (S1)."""
    try:
        participation_id, person_id = read_answer_token(token)
    except ServiceError as error:
        return render(request, "networks/answer_link.html", {"error": error.message}, status=400)
    participation = (
        Participation.objects.select_related("municipality", "network__area")
        .filter(pk=participation_id)
        .first()
    )
    if participation is None:
        raise Http404(_("Inbjudan finns inte längre."))
    try:
        link_holder(person_id, participation)  # issue 13: a removed contact's link is dead
    except ServiceError as error:
        return render(request, "networks/answer_link.html", {"error": error.message}, status=400)
    form = AnswerForm(request.POST or None)
    done = False
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            lifecycle.answer_invitation(
                request.user, participation, answer=form.cleaned_data["answer"], token=token
            )
            done = True
            participation.refresh_from_db()
    context = {
        "participation": participation,
        "network": participation.network,
        "form": form,
        "done": done,
    }
    return render(request, "networks/answer_link.html", context)


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_network_for(request.user, slug, need=Need.EDIT)
    with errors_as_messages(request):
        invited = lifecycle.invite_members(request.user, network)
        if invited:
            names = ", ".join(p.municipality.name for p in invited)
            messages.success(request, _("Inbjudna nu: %(names)s.") % {"names": names})
        else:
            messages.info(request, _("Ingen ny kommun att bjuda in."))
    return redirect("networks:progress", slug=slug)


@login_required
@require_POST
def activate(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_network_for(request.user, slug, need=Need.EDIT)
    try:
        lifecycle.activate_network(request.user, network)
    except RuleViolation as error:
        messages.error(request, _("Nätverket kan inte aktiveras än."))
        for step in error.missing:
            messages.error(request, step)
        return redirect("networks:progress", slug=slug)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("networks:progress", slug=slug)
    messages.success(request, _("%(name)s är nu aktivt.") % {"name": network.name})
    return redirect(network)


@login_required
def participation(request: HttpRequest, slug: str) -> HttpResponse:
    """Who takes part, who left, pending requests; join or leave (P1, P2)."""
    network = access.get_network_for(request.user, slug)
    municipalities = municipalities_to_act_for(request.user)
    form = ParticipationRequestForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_on(form):
            if request.POST.get("kind") == "leave":
                lifecycle.request_leave(
                    request.user,
                    network,
                    municipality=data["municipality"],
                    reason=data["reason"],
                )
            else:
                lifecycle.request_join(request.user, network, municipality=data["municipality"])
            messages.success(request, _("Begäran är skickad till samordnaren."))
            return redirect("networks:participation", slug=slug)
    rows = (
        Participation.objects.filter(network=network, joined_on__isnull=False)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    requests = network.participation_requests.select_related(
        "municipality", "requested_by", "decided_by"
    )
    context = {
        "network": network,
        "rows": rows,
        "requests": requests,
        "form": form,
        "can_request": network.status == Network.Status.ACTIVE and municipalities.exists(),
        "can_edit": access.can_edit_network(request.user, network),
        "today": timezone.localdate(),
    }
    return render(request, "networks/participation.html", context)


@login_required
@require_POST
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    req = lifecycle_access.get_participation_request_for(request.user, slug, pk)
    with errors_as_messages(request):
        lifecycle.decide_participation_request(
            request.user, req, confirm=request.POST.get("decision") == "confirm"
        )
        messages.success(request, _("Beslutet är registrerat."))
    return redirect("networks:participation", slug=slug)


@login_required
def close(request: HttpRequest, slug: str) -> HttpResponse:
    """C1 in two steps (issue 16 §8): the reason, then a page that says what closing does and
    who is told, whose confirmation alone closes the network."""
    network = access.get_network_for(request.user, slug, need=Need.EDIT)
    if request.method == "POST" and "confirm_step" in request.POST:
        confirm = ConfirmCloseForm(request.POST)
        if confirm.is_valid():
            with errors_on(confirm):
                lifecycle.close_network(
                    request.user, network, reason=confirm.cleaned_data["reason"]
                )
                messages.success(request, _("%(name)s är avslutat.") % {"name": network.name})
                return redirect(network)
        return _close_confirm(request, network, confirm)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if network.status == Network.Status.CLOSED:
            messages.error(
                request,
                _("%(name)s avslutades redan %(day)s.")
                % {"name": network.name, "day": network.closed_on},
            )
            return redirect(network)
        return _close_confirm(
            request, network, ConfirmCloseForm(initial={"reason": form.cleaned_data["reason"]})
        )
    return render(request, "networks/close.html", {"network": network, "form": form})


def _close_confirm(request: HttpRequest, network: Network, form: ConfirmCloseForm) -> HttpResponse:
    told = lifecycle.told_at_close(network)
    reason = form.data.get("reason") if form.is_bound else form.initial.get("reason", "")
    return render(
        request,
        "networks/close_confirm.html",
        {"network": network, "form": form, "told": told, "reason": reason},
    )


@login_required
def export(request: HttpRequest, slug: str) -> HttpResponse:
    """The whole network as one JSON document, for archiving (C1)."""
    network = lifecycle_access.get_network_to_export(request.user, slug)
    document = export_network(network)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{network.slug}.json"'
    return response
