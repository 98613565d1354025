"""Pages for a network's material (N5) and questions to the secretariat (ST1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.cooperation.models import Cooperation
from samverkan.core.errors import ServiceError
from samverkan.networks.lifecycle.forms import MaterialForm, QuestionForm, ReplyForm
from samverkan.networks.material import services
from samverkan.networks.models import Material, Question
from samverkan.people import policy


@login_required
def material(request: HttpRequest, slug: str) -> HttpResponse:
    network = policy.get_network_for(request.user, slug)
    can_manage = policy.can_manage_material(request.user, network)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_manage:
            raise policy.PermissionDenied(_("Du får inte lägga till material."))
        if form.is_valid():
            try:
                services.add_material(request.user, network, **form.cleaned_data)
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Materialet är sparat."))
                return redirect("networks:material", slug=slug)
    context = {
        "network": network,
        "items": network.material.select_related("uploaded_by", "reviewed_by"),
        "form": form,
        "can_manage": can_manage,
        "is_secretariat": policy.is_secretariat(request.user),
        "manual_url": Cooperation.current().graphic_manual_url,
        "can_edit": policy.can_edit_network(request.user, network),
    }
    return render(request, "networks/material.html", context)


@login_required
@require_POST
def review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = policy.get_network_for(request.user, slug)
    item = get_object_or_404(Material, pk=pk, network=network)
    services.mark_material_reviewed(request.user, item)
    messages.success(request, _("%(title)s är granskat.") % {"title": item.title})
    return redirect("networks:material", slug=slug)


@login_required
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    network = policy.get_network_for(request.user, slug)
    viewer = policy.viewer_for(request.user)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.ask_question(request.user, network, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Frågan är skickad till sekretariatet."))
            return redirect(question)
    rows = network.questions.select_related("asker")
    if not viewer.is_secretariat:
        rows = rows.filter(asker=viewer.person) if viewer.person else rows.none()
    context = {
        "network": network,
        "rows": rows,
        "form": form,
        "can_edit": policy.can_edit_network(request.user, network),
    }
    return render(request, "networks/questions.html", context)


@login_required
def question(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = policy.get_network_for(request.user, slug)
    item = get_object_or_404(Question.objects.select_related("asker"), pk=pk, network=network)
    if not policy.can_see_question(request.user, item):
        raise Http404(_("Frågan finns inte."))
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reply_to_question(request.user, item, text=form.cleaned_data["text"])
        except ServiceError as error:
            form.add_error("text", error.message)
        else:
            messages.success(request, _("Svaret är skickat."))
            return redirect(item)
    context = {
        "network": network,
        "question": item,
        "thread": item.messages.select_related("author"),
        "form": form,
    }
    return render(request, "networks/question.html", context)


@login_required
def question_inbox(request: HttpRequest) -> HttpResponse:
    """ST1: the secretariat's list of every question, unanswered first."""
    policy.require_secretariat(request.user)
    rows = Question.objects.select_related("network", "asker").order_by(
        F("answered_at").asc(nulls_first=True), "-created_at"
    )
    page = Paginator(rows, 30).get_page(request.GET.get("sida"))
    return render(request, "networks/question_inbox.html", {"page": page})
