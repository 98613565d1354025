"""Sign-in through a municipality's OpenID Connect provider (issue 12, items 1 and 2).

allauth's openid_connect provider does the authorization-code flow: PKCE with S256
(OAUTH_PKCE_ENABLED, oauth2/provider.py get_pkce_params), a random `state` stashed in the
session and required on the callback (oauth2/views.py _get_state, statekit), the ID token's
issuer, audience and expiry checked (jwtkit.verify_and_decode). It sends no `nonce` (65.22.1),
so the provider class below adds one to the authorization request (derived from the state) and
compares it with the ID token's in the callback before anything is looked up or written.

Who someone is: the provider's `sub` is the account's uid (allauth's default uid_field, never
configurable here). A personal identity number is neither used as the subject nor stored:
extra_data keeps only the claims listed in KEPT_CLAIMS. A sign-in is matched to an existing
Person only by an e-mail claim the provider marks verified, case-insensitively, on Person.email.
"""

import hmac
import logging
from typing import Any

from allauth.account.signals import user_logged_in
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.internal import statekit
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import get_random_string, salted_hmac
from requests import RequestException

from samverkan.accounts.oidc import providers, services
from samverkan.people.models import Person

logger = logging.getLogger(__name__)

# The session flag C's second-factor middleware reads (contract 2 of issue 12).
MFA_SESSION_KEY = "samverkan_mfa_by_provider"

# The only claims stored in SocialAccount.extra_data. Not `personal_number`, `pnr`, `ssn`,
# `birthdate` or anything else the provider may add.
KEPT_CLAIMS = frozenset(
    {"sub", "iss", "email", "email_verified", "name", "given_name", "family_name", "amr", "acr"}
)


def keep(claims: object) -> dict[str, Any]:
    if not isinstance(claims, dict):
        return {}
    return {key: value for key, value in claims.items() if key in KEPT_CLAIMS}


def nonce_for(state_id: str) -> str:
    """The nonce sent with the authorization request whose `state` is state_id: derived from
    it with the secret key, so the callback can check it before anything is looked up or saved
    (the state itself is random, single-use and bound to this session by allauth)."""
    return salted_hmac("samverkan.accounts.oidc.nonce", state_id, algorithm="sha256").hexdigest()


class SamverkanOIDCProvider(OpenIDConnectProvider):
    """allauth's provider with a nonce, stripped claims, and a message when the provider is
    unreachable at the start of the sign-in."""

    def redirect(
        self,
        request: HttpRequest,
        process: Any,
        next_url: Any = None,
        data: Any = None,
        **kwargs: Any,
    ) -> HttpResponse:
        state_id = get_random_string(statekit.STATE_ID_LENGTH)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        auth_params = {**auth_params, "nonce": nonce_for(state_id)}
        try:
            return super().redirect(
                request,
                process,
                next_url,
                data,
                auth_params=auth_params,
                state_id=state_id,
                **kwargs,
            )
        except RequestException as exc:  # the discovery document could not be fetched
            return render_authentication_error(request, self, exception=exc)

    def sociallogin_from_response(self, request: HttpRequest, response: Any) -> SocialLogin:
        """Runs in the callback after allauth has found the state, before any lookup or write:
        the nonce and the subject are checked here, and only KEPT_CLAIMS go on."""
        response = response if isinstance(response, dict) else {}
        id_token = response.get("id_token") or {}
        userinfo = response.get("userinfo") or {}
        state_id = str(request.GET.get("state") or "")
        given = str(id_token.get("nonce") or "")
        if not state_id or not hmac.compare_digest(nonce_for(state_id), given):
            raise PermissionDenied("the ID token's nonce is not this sign-in's")
        if userinfo and str(userinfo.get("sub")) != str(id_token.get("sub")):
            # OIDC Core 5.3.2: the userinfo response's sub must be the ID token's.
            raise PermissionDenied("userinfo sub differs from the ID token's")
        kept = {"id_token": keep(id_token)}
        if userinfo:
            kept["userinfo"] = keep(userinfo)
        return super().sociallogin_from_response(request, kept)


def verified_email(sociallogin: SocialLogin) -> str:
    """The e-mail claim, if the provider marked it verified; "" otherwise."""
    data = sociallogin.account.extra_data or {}
    claims = data.get("userinfo") or data.get("id_token") or {}
    email = str(claims.get("email") or "").strip()
    verified = claims.get("email_verified")
    if isinstance(verified, str):
        verified = verified.strip().lower() == "true"
    return email if email and verified is True else ""


def _refuse(request: HttpRequest, *, reason: str) -> ImmediateHttpResponse:
    logger.info("OpenID Connect sign-in refused: %s", reason)
    return ImmediateHttpResponse(
        render(request, "socialaccount/not_in_samverkan.html", {"reason": reason}, status=403)
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_provider(self, request: HttpRequest, provider: Any, client_id: Any = None) -> Any:
        found = super().get_provider(request, provider, client_id=client_id)
        if type(found) is OpenIDConnectProvider:
            return SamverkanOIDCProvider(request, app=found.app)
        return found

    def list_providers(self, request: HttpRequest) -> list:
        return [
            SamverkanOIDCProvider(request, app=p.app) if type(p) is OpenIDConnectProvider else p
            for p in super().list_providers(request)
        ]

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        if sociallogin.is_existing:
            return  # signed in before with this provider and sub
        email = verified_email(sociallogin)
        person = (
            Person.objects.filter(email__iexact=email).select_related("user").first()
            if email
            else None
        )
        if person is None:
            if self.is_open_for_signup(request, sociallogin):
                return  # allauth's sign-up flow
            raise _refuse(request, reason="no verified e-mail of a Person")
        try:
            user = services.account_for_person(person)
        except services.NoAccount:
            raise _refuse(
                request, reason="the address's account belongs to another Person"
            ) from None
        sociallogin.connect(request, user)

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        logger.warning(
            "OpenID Connect sign-in failed: provider=%s error=%s exception=%r",
            getattr(provider, "sub_id", provider),
            error,
            exception,
        )
        if extra_context is not None:
            extra_context["provider_unreachable"] = isinstance(exception, RequestException)


@receiver(user_logged_in, dispatch_uid="samverkan_oidc_mfa_flag")
def mark_mfa_by_provider(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Contract 2: after a provider sign-in whose ID token says it did a second factor (per the
    provider's mfa_claims), the session says so; any other sign-in clears the flag."""
    sociallogin = kwargs.get("sociallogin")
    did_mfa = False
    if sociallogin is not None:
        data = sociallogin.account.extra_data or {}
        claims = {**(data.get("userinfo") or {}), **(data.get("id_token") or {})}
        did_mfa = providers.provider_did_mfa(sociallogin.account.provider, claims)
    if did_mfa:
        request.session[MFA_SESSION_KEY] = True
    else:
        request.session.pop(MFA_SESSION_KEY, None)
