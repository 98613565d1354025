from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from samverkan.core.errors import ServiceError
from samverkan.core.pages import errors_on
from samverkan.core.plugins import render_sections
from samverkan.history.context import acting
from samverkan.people import addresses
from samverkan.people.access import person_for
from samverkan.people.duties import duties_for
from samverkan.people.forms import ContactDetailsForm
from samverkan.people.services import confirm_contact_details, verify_email_change


@login_required
def my_details(request: HttpRequest) -> HttpResponse:
    """N6: a person keeps their own contact details and confirms them."""
    person = person_for(request.user)
    if person is None:
        return render(request, "people/no_person.html")
    form = ContactDetailsForm(
        request.POST or None,
        initial={
            "title": person.title,
            "unit": person.unit,
            "email": person.email,
            "phone": person.phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            asked_before = person.pending_email_requested_at
            confirm_contact_details(request.user, person, **form.cleaned_data)
            messages.success(request, _("Tack! Dina kontaktuppgifter är bekräftade."))
            if person.pending_email_requested_at != asked_before:
                messages.info(request, pending_message(person.pending_email))
            return redirect("people:me")
    return render(request, "people/me.html", {"person": person, "form": form})


def pending_message(email: str) -> str:
    return _(
        "Vi har skickat en länk till %(email)s. Din gamla adress gäller tills du har bekräftat "
        "den nya."
    ) % {"email": email}


@login_required
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    """Issue 12, item 6: the link sent to a person's new address. Opening it shows what it
    confirms; only the button (a POST) changes the address, so that a mail scanner that
    follows links changes nothing."""
    person = person_for(request.user)
    if person is None:
        return render(request, "people/no_person.html")
    try:
        if request.method == "POST":
            person = verify_email_change(request.user, token)
            messages.success(
                request, _("Klart! Din e-postadress är nu %(email)s.") % {"email": person.email}
            )
            return redirect("people:me")
        email = addresses.read_token(person, token)
    except ServiceError as error:
        return render(request, "people/verify_email_invalid.html", {"error": error}, status=400)
    return render(request, "people/verify_email.html", {"email": email})


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    """Min sida: what the rooms have for me (my networks, meetings, tasks, inbox, surveys),
    each added as a section by its own room (core/plugins.py)."""
    person = person_for(request.user)
    if person is None:
        return render(request, "people/no_person.html")
    today = timezone.localdate()
    context = {
        "person": person,
        "today": today,
        "duties": duties_for(request, person, today),
        "main": render_sections("my_page", request, person, today),
        "aside": render_sections("my_page.aside", request, person, today),
    }
    return render(request, "people/my_page.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language; a signed-in user keeps the choice on the account (SPEC §6)."""
    code = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and code in {"sv", "en"} and user.language != code:  # type: ignore[union-attr]
        with acting(user, "set_language"):
            user.language = code  # type: ignore[union-attr]
            user.save(update_fields=["language"])  # type: ignore[union-attr]
    return django_set_language(request)
