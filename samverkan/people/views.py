from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from samverkan.core.plugins import render_sections
from samverkan.history.context import acting
from samverkan.people.access import person_for
from samverkan.people.forms import ContactDetailsForm
from samverkan.people.services import confirm_contact_details


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
        confirm_contact_details(request.user, person, **form.cleaned_data)
        messages.success(request, _("Tack! Dina kontaktuppgifter är bekräftade."))
        return redirect("people:me")
    return render(request, "people/me.html", {"person": person, "form": form})


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
