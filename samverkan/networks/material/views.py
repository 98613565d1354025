"""Pages for a network's material (N5) and questions to the secretariat (ST1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.cooperation.models import Cooperation
from samverkan.core.errors import ServiceError
from samverkan.core.pages import errors_on
from samverkan.files.tables import requested_format, table_response
from samverkan.networks import access
from samverkan.networks.material import access as material_access
from samverkan.networks.material import services
from samverkan.networks.material.forms import MaterialForm, QuestionForm, ReplyForm
from samverkan.networks.models import Question
from samverkan.people.access import is_secretariat, require_secretariat


@login_required
def material(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_network_for(request.user, slug)
    can_manage = material_access.can_manage_material(request.user, network)
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Du får inte lägga till material."))
        if form.is_valid():
            with errors_on(form):
                services.add_material(request.user, network, **form.cleaned_data)
                messages.success(request, _("Materialet är sparat."))
                return redirect("networks:material", slug=slug)
    context = {
        "network": network,
        "items": network.material.select_related("uploaded_by", "reviewed_by"),
        "form": form,
        "can_manage": can_manage,
        "is_secretariat": is_secretariat(request.user),
        "manual_url": Cooperation.current().graphic_manual_url,
        "can_edit": access.can_edit_network(request.user, network),
    }
    return render(request, "networks/material.html", context)


@login_required
@require_POST
def review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item = material_access.get_material_for(request.user, slug, pk)
    services.mark_material_reviewed(request.user, item)
    messages.success(request, _("%(title)s är granskat.") % {"title": item.title})
    return redirect("networks:material", slug=slug)


def plan_question_initial(request: HttpRequest) -> dict[str, object]:
    """`?arsplan=2027`, from the year-plan editor's "Fråga sekretariatet om planen": the
    question starts as one about that plan (issue 16, point 11)."""
    try:
        year = int(request.GET.get("arsplan", ""))
    except ValueError:
        return {}
    if not 2000 <= year <= 2100:
        return {}
    subject = _("Årsplanen %(year)s") % {"year": year}
    return {"plan_year": year, "topic": Question.Topic.PURPOSE, "subject": subject}


def shown_plan_year(form: QuestionForm) -> int | None:
    """The plan the question is about, as a year the page can link to: a posted value that is
    not one (hostile input) is shown as none, with the form's own error."""
    value = form["plan_year"].value()
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 2000 <= year <= 2100 else None


@login_required
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    network = access.get_network_for(request.user, slug)
    form = QuestionForm(request.POST or None, initial=plan_question_initial(request))
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            question = services.ask_question(request.user, network, **form.cleaned_data)
            messages.success(request, _("Frågan är skickad till sekretariatet."))
            return redirect(question)
    rows = material_access.visible_questions(request.user, network)
    context = {
        "network": network,
        "rows": rows,
        "form": form,
        "can_edit": access.can_edit_network(request.user, network),
        "plan_year": shown_plan_year(form),
    }
    return render(request, "networks/questions.html", context)


@login_required
def question(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    item = material_access.get_question_for(request.user, slug, pk)
    network = item.network
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
        "can_edit_plan": access.can_edit_network(request.user, network),
    }
    return render(request, "networks/question.html", context)


@login_required
def question_inbox(request: HttpRequest) -> HttpResponse:
    """ST1: the secretariat's list of every question, unanswered first."""
    require_secretariat(request.user)
    rows = Question.objects.select_related("network", "asker").order_by(
        F("answered_at").asc(nulls_first=True), "-created_at"
    )
    if fmt := requested_format(request):  # every question, not one page
        header = [_("Fråga"), _("Nätverk"), _("Från"), _("Ställd"), _("Status")]
        table = [
            [
                q.subject,
                q.network.name,
                q.asker.name,
                timezone.localdate(q.created_at),
                _("besvarad") if q.answered_at else _("obesvarad"),
            ]
            for q in rows
        ]
        title = _("Frågor")
        return table_response(fmt, "fragor-till-sekretariatet", header, table, title=title)
    page = Paginator(rows, 30).get_page(request.GET.get("sida"))
    return render(request, "networks/question_inbox.html", {"page": page})
