from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from samverkan.history.context import acting
from samverkan.networks.forms import ContactDetailsForm
from samverkan.networks.services import confirm_contact_details
from samverkan.people import policy


@login_required
def my_details(request: HttpRequest) -> HttpResponse:
    """N6: a person keeps their own contact details and confirms them."""
    person = policy.viewer_for(request.user).person
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
