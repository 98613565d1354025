"""Who must have a second factor, and whether this session has shown one (issue 12, item 3).

Anyone who can reach the admin (staff, superusers) always must. Setting SECOND_FACTOR_REQUIRED
chooses who else: "none", "secretariat" (the default) or "all". A session has shown its second
factor when allauth recorded an "mfa" authentication in it (the TOTP code or a recovery code at
sign-in, or setting up the authenticator app just now), or when the municipality's provider
said that it asked for one (the session flag `samverkan_mfa_by_provider`, set by
accounts/oidc)."""

from typing import Any

from allauth.account.internal.flows.login import get_authentication_records, record_authentication
from allauth.mfa import signals
from allauth.mfa.models import Authenticator
from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage
from django.conf import settings
from django.dispatch import receiver
from django.http import HttpRequest

from samverkan.people.access import is_secretariat

PROVIDER_DID_MFA = "samverkan_mfa_by_provider"
CHOICES = ("none", "secretariat", "all")
# The kinds that count as a second factor; recovery codes only stand in for them.
FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def must_have_second_factor(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    required = settings.SECOND_FACTOR_REQUIRED
    if required == "all":
        return True
    if required == "secretariat":
        return is_secretariat(user)
    return False


def has_second_factor(user: Any) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type__in=FACTORS).exists()


def session_showed_second_factor(request: HttpRequest) -> bool:
    # allauth keeps the records for the signed-in user only (they are dropped for another).
    records = get_authentication_records(request, request.user)
    methods = {record.get("method") for record in records}
    if "mfa" in methods:
        return True
    # The provider's word counts only beside a provider sign-in of this very user.
    return bool(request.session.get(PROVIDER_DID_MFA)) and "socialaccount" in methods


def sociallogin_did_mfa(sociallogin: Any) -> bool:
    """Whether the provider's ID token (or userinfo) says it asked for a second factor, by the
    provider's own mfa_claims (accounts/oidc/providers.py)."""
    from samverkan.accounts.oidc import providers

    if sociallogin is None:
        return False
    data = sociallogin.account.extra_data or {}
    claims = {**(data.get("userinfo") or {}), **(data.get("id_token") or {})}
    return providers.provider_did_mfa(sociallogin.account.provider, claims)


class AuthenticateStage(AllauthAuthenticateStage):
    """allauth's "enter your code" step, skipped when the sign-in is through a municipality's
    provider that says it did MFA (the session flag is only set after this stage)."""

    def _should_handle(self, request: HttpRequest) -> bool:
        if sociallogin_did_mfa((self.login.signal_kwargs or {}).get("sociallogin")):
            return False
        return super()._should_handle(request)


@receiver(signals.authenticator_added)
def _setting_up_counts_as_shown(
    sender: Any, request: HttpRequest | None, user: Any, authenticator: Authenticator, **kw: Any
) -> None:
    """Setting up the authenticator app means typing one of its codes: this session has shown
    the second factor, so it is not asked for it again straight away."""
    if request is not None and authenticator.type in FACTORS:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, added=True
        )
