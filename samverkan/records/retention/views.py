"""The secretariat's page of retention decisions (issue 15, §3)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samverkan.core.pages import errors_on
from samverkan.people.access import require_secretariat
from samverkan.records.models import RetentionPolicy
from samverkan.records.retention.forms import RetentionForm
from samverkan.records.retention.selectors import due_today, recent_removals
from samverkan.records.retention.services import save_policy


@login_required
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest) -> HttpResponse:
    require_secretariat(request.user)
    policy = RetentionPolicy.current()
    form = RetentionForm(request.POST or None, instance=RetentionPolicy.current())
    if request.method == "POST" and form.is_valid():
        with errors_on(form):
            save_policy(request.user, **{name: form.cleaned_data[name] for name in form.fields})
            messages.success(request, _("Gallringsbesluten är sparade."))
            return redirect("records:retention")
    context = {
        "form": form,
        "policy": policy,
        "due": due_today(policy, timezone.localdate()),
        "removals": recent_removals(),
    }
    return render(request, "records/retention/page.html", context)
