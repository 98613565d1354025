"""Survey pages: the secretariat's rounds, the one-time answer form, the results (P4, ST2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samverkan.core.errors import ServiceError
from samverkan.core.pages import errors_as_messages, errors_on
from samverkan.files.tables import FORMATS, requested_format, table_response
from samverkan.people.access import is_secretariat, person_for, require_secretariat
from samverkan.people.services import find_or_create_person
from samverkan.surveys import access, selectors, services
from samverkan.surveys.forms import DirectorForm, QuestionForm, RoundForm, answer_form_class
from samverkan.surveys.models import DirectorsGroupMember, SurveyRound
from samverkan.surveys.presentation import result_context, results_table


@login_required
def index(request: HttpRequest) -> HttpResponse:
    secretariat = is_secretariat(request.user)
    rounds = access.visible_rounds(request.user)
    form = RoundForm(request.POST or None)
    if request.method == "POST":
        require_secretariat(request.user)
        if form.is_valid():
            with errors_on(form):
                survey = services.create_round(request.user, **form.cleaned_data)
                messages.success(request, _("Omgången är skapad med standardenkäten."))
                return redirect("surveys:round", pk=survey.pk)
    person = person_for(request.user)
    context = {
        "rounds": rounds,
        "form": form,
        "secretariat": secretariat,
        "mine": selectors.open_invitations_for(person.pk) if person else [],
    }
    return render(request, "surveys/index.html", context)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = access.get_round_for(request.user, pk)
    qid = request.POST.get("question_id") or request.GET.get("fraga")
    question = survey.questions.filter(pk=qid).first() if qid else None
    initial = {}
    if question is not None:
        initial = {
            "kind": question.kind,
            "text": question.text,
            "scale_low": question.scale_low,
            "scale_high": question.scale_high,
            "choices": "\n".join(question.choices),
        }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with errors_on(form):
            services.save_question(
                request.user,
                survey,
                key=question.key if question is not None else None,
                kind=data["kind"],
                text=data["text"],
                scale_low=data["scale_low"],
                scale_high=data["scale_high"],
                choices=data["choices"].splitlines(),
                order=question.order if question is not None else None,
            )
            messages.success(request, _("Frågan är sparad."))
            return redirect("surveys:round", pk=pk)
    context = {
        "survey": survey,
        "questions": survey.questions.all(),
        "form": form,
        "question": question,
        "coverage": selectors.round_results(survey).coverage
        if survey.state != SurveyRound.State.DRAFT
        else [],
    }
    return render(request, "surveys/round.html", context)


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int, qid: int) -> HttpResponse:
    question = access.get_round_question_for(request.user, pk, qid)
    with errors_as_messages(request):
        services.remove_question(request.user, question)
    return redirect("surveys:round", pk=pk)


@login_required
@require_POST
def round_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    survey = access.get_round_for(request.user, pk)
    with errors_as_messages(request):
        if action == "oppna":
            n = services.open_round(request.user, survey)
            if survey.state == SurveyRound.State.SCHEDULED:
                messages.success(
                    request,
                    _("Enkäten öppnar %(date)s; då skickas inbjudningarna.")
                    % {"date": survey.opens_on.isoformat()},
                )
            else:
                messages.success(
                    request, _("Enkäten är öppen. %(n)d inbjudningar skickas.") % {"n": n}
                )
        elif action == "stang":
            services.close_round(request.user, survey)
            messages.success(request, _("Enkäten är stängd."))
        elif action == "skicka":
            n = services.send_results(request.user, survey)
            messages.success(request, _("Resultaten skickas till %(n)d mottagare.") % {"n": n})
        else:
            raise Http404
    return redirect("surveys:round", pk=pk)


def _link_refused(request: HttpRequest) -> HttpResponse:
    """One page and one status for a used, an expired and an unknown link (issue 13, item 1):
    whoever holds links cannot tell from the answer which were used."""
    return render(
        request, "surveys/answer_closed.html", {"message": services.link_refused()}, status=404
    )


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The personal link: no sign-in needed, works once and only while the round is open."""
    today = timezone.localdate()
    invitation = services.invitation_for_token(token)
    try:
        services.check_answerable(invitation, today)
    except ServiceError:
        return _link_refused(request)
    assert invitation is not None
    questions = list(invitation.round.questions.all())
    form = answer_form_class(questions)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            try:
                services.submit_response(token, form.cleaned_data, today=today)
            except services.LinkRefused:  # used meanwhile, in another tab
                return _link_refused(request)
            return render(request, "surveys/thanks.html", {"survey": invitation.round})
    context = {"survey": invitation.round, "network": invitation.network, "form": form}
    return render(request, "surveys/answer.html", context)


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    survey, network_ids = access.get_results_for(request.user, pk)
    if fmt := requested_format(request):
        return _results_file(fmt, survey, network_ids)
    context = result_context(survey, network_ids)
    context["secretariat"] = network_ids is None
    return render(request, "surveys/results.html", context)


@login_required
def results_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The results' files at their first addresses (/enkater/<pk>/resultat.csv …), kept so
    that saved links keep working; the page's own links are `?format=…` on the page."""
    if fmt not in FORMATS:
        raise Http404
    survey, network_ids = access.get_results_for(request.user, pk)
    return _results_file(fmt, survey, network_ids)


def _results_file(fmt: str, survey: SurveyRound, network_ids: set[int] | None) -> HttpResponse:
    header, rows = results_table(selectors.round_results(survey, network_ids=network_ids))
    return table_response(fmt, f"enkat-{survey.pk}-resultat", header, rows, title=_("Resultat"))


@login_required
def directors(request: HttpRequest) -> HttpResponse:
    """The secretariat keeps the list of the municipal directors' group."""
    require_secretariat(request.user)
    form = DirectorForm(request.POST or None)
    current = [d.person for d in DirectorsGroupMember.objects.select_related("person__user")]
    if request.method == "GET" and (fmt := requested_format(request)):
        rows = [[p.name, p.email] for p in current]
        title = _("Kommundirektörsgruppen")
        header = [_("Namn"), _("E-post")]
        return table_response(fmt, "kommundirektorsgruppen", header, rows, title=title)
    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            services.set_directors_group(request.user, [p for p in current if str(p.pk) != remove])
            return redirect("surveys:directors")
        if form.is_valid():
            # A refused address (taken by an account of someone else) is told on the form.
            with errors_on(form):
                person = find_or_create_person(
                    request.user, email=form.cleaned_data["email"], name=form.cleaned_data["name"]
                )
                services.set_directors_group(request.user, [*current, person])
                messages.success(request, _("%(name)s är tillagd.") % {"name": person.name})
                return redirect("surveys:directors")
    return render(request, "surveys/directors.html", {"people": current, "form": form})
