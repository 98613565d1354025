"""The municipality page: the networks it takes part in and those it left, its people and
their roles, its pending consultations (SPEC §5), and the register of its management
contacts (förvaltningsledning), which the secretariat keeps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.cooperation.access import get_management_contact_for, get_municipality
from samverkan.cooperation.models import Municipality
from samverkan.core.pages import errors_as_messages
from samverkan.core.plugins import render_sections
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.municipalities.forms import ManagementContactForm
from samverkan.people.access import require_secretariat


@login_required
def municipality_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = Municipality.objects.members_on(today).order_by("name")
    return render(request, "municipalities/list.html", {"rows": rows})


@login_required
def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    today = timezone.localdate()
    context = {
        "municipality": municipality,
        "sections": render_sections("municipality", request, municipality, today),
    }
    return render(request, "municipalities/detail.html", context)


@login_required
@require_POST
def contact_add(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_municipality(slug)
    require_secretariat(request.user)
    form = ManagementContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Fyll i verksamhetsområde, namn och en giltig e-postadress."))
    else:
        with errors_as_messages(request):
            lifecycle.add_management_contact(request.user, municipality, **form.cleaned_data)
            messages.success(request, _("Förvaltningsledningen är registrerad."))
    return redirect("municipalities:detail", slug=slug)


@login_required
@require_POST
def contact_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    contact = get_management_contact_for(request.user, slug, pk)
    lifecycle.remove_management_contact(request.user, contact)
    messages.success(request, _("Förvaltningsledningen är borttagen."))
    return redirect("municipalities:detail", slug=slug)


# ---- the sections of this app ---------------------------------------------------------------
