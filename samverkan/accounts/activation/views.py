"""The activation link's page and the secretariat's "send it again" (issue 12, item 5)."""

from allauth.account.internal.flows.login import record_authentication
from allauth.account.utils import perform_login
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from samverkan.accounts.activation import services
from samverkan.accounts.activation.tokens import activation_token
from samverkan.core.errors import ServiceError
from samverkan.history.context import acting
from samverkan.people.access import require_secretariat
from samverkan.people.models import Person, User


def _user_from(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


@never_cache
@sensitive_post_parameters("new_password1", "new_password2")
def activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Choose a password with the single-use link, then land signed in on Min sida. An
    expired, used or broken link gets a page that says so and changes nothing."""
    user = _user_from(uidb64)
    if user is None or not activation_token.check_token(user, token):
        return render(request, "accounts/activation/invalid.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Issue 13, part 6: the new password is in the account's history, made through the
        # e-mailed link by the person it was sent to.
        holder = Person.objects.filter(user=user).first() or user
        with acting(None, "activate_account", via_link_for=holder):
            form.save()
        # As allauth's own password reset does: the way in is recorded for the session.
        record_authentication(request, user, method="password_reset", email=user.email)
        messages.success(request, _("Ditt lösenord är sparat. Välkommen till Samverkan!"))
        return perform_login(
            request, user, email_verification="none", redirect_url=reverse("people:my_page")
        )
    return render(request, "accounts/activation/activate.html", {"form": form, "account": user})


@login_required
@require_POST
def resend(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat sends a person's activation again; back to the list it came from."""
    require_secretariat(request.user)
    person = Person.objects.filter(pk=pk).select_related("user").first()
    if person is None:
        raise Http404
    try:
        services.resend_activation(request.user, person)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Aktiveringen är skickad igen till %(name)s.") % {"name": person.name}
        )
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("home")
