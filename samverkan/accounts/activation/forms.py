"""The password reset form, which sends the activation instead of "unknown account" to a
person the system names who cannot sign in yet (issue 12, item 5)."""

from typing import Any

from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from django.http import HttpRequest

from samverkan.accounts.activation.services import activation_instead_of_reset


class ResetPasswordForm(AllauthResetPasswordForm):
    """The page answers exactly as allauth's does, whichever e-mail is sent, so that it tells
    no more about which addresses exist than allauth already does (ACCOUNT_PREVENT_ENUMERATION);
    allauth's view has consumed its rate limit before `save`."""

    def save(self, request: HttpRequest, **kwargs: Any) -> str:
        email: str = self.cleaned_data["email"]
        if activation_instead_of_reset(email):
            return email
        return super().save(request, **kwargs)
