"""The secretariat ends a person: a confirmation page that shows what ends and what refuses
it (N4), then the ending (issue 15, §2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samverkan.core.pages import errors_on
from samverkan.records.ending.forms import EndPersonForm
from samverkan.records.ending.selectors import ending_preview
from samverkan.records.ending.services import already_ended_message, end_person
from samverkan.records.extract.access import get_person_for


@login_required
@require_http_methods(["GET", "POST"])
def end(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for(request.user, pk)
    today = timezone.localdate()
    form = EndPersonForm(request.POST or None)
    if request.method == "POST":
        if person.anonymised_on is not None:
            messages.info(request, already_ended_message(person))
            return redirect("records:end_person", pk=person.pk)
        if form.is_valid():
            with errors_on(form):
                end_person(request.user, person, reason=form.cleaned_data["reason"], today=today)
                messages.success(
                    request,
                    _(
                        "%(name)s är avslutad: rollerna är avslutade, kontot stängt och "
                        "kontaktuppgifterna borttagna. Namnet finns kvar i protokoll, "
                        "närvarolistor och historik."
                    )
                    % {"name": person.name},
                )
                return redirect("records:end_person", pk=person.pk)
    preview = ending_preview(person, today)
    return render(
        request,
        "records/ending/end.html",
        {"person": person, "preview": preview, "form": form},
    )
