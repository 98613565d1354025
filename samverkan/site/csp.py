"""The Content-Security-Policy of every response (issue 13, part 4), through Django's own CSP
support: the policy is settings.SECURE_CSP (or SECURE_CSP_REPORT_ONLY), built in the settings'
"Trust (issue 13): csp" block; the nonce is request.csp_nonce, {{ csp_nonce }} in templates.

One thing the settings cannot know at start: the sign-in buttons POST to Samverkan, which
answers with a redirect to the municipality's OpenID provider, and Chromium applies
`form-action` to that redirect too. So the origins of the providers configured now
(accounts.oidc.providers.configured()) are added to `form-action` on every response; a view
that sets its own policy (Django's csp_override, or its own header, as the file responses do)
keeps it."""

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware import csp as django_csp

from samverkan.accounts.oidc import providers

FORM_ACTION = "form-action"
_UNSET = object()


def provider_origins() -> list[str]:
    """scheme://host[:port] of every configured OpenID provider, sorted."""
    origins = set()
    for provider in providers.configured():
        parts = urlsplit(provider.server_url)
        if parts.scheme in ("http", "https") and parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


def with_sign_in_providers(config: Mapping[str, Any]) -> Mapping[str, Any]:
    """The policy with the sign-in providers' origins added to its form-action."""
    values = config.get(FORM_ACTION)
    if not config or not values:
        return config
    listed: Sequence[str] = [values] if isinstance(values, str) else list(values)
    extra = [origin for origin in provider_origins() if origin not in listed]
    if not extra:
        return config
    return {**config, FORM_ACTION: [*listed, *extra]}


class ContentSecurityPolicyMiddleware(django_csp.ContentSecurityPolicyMiddleware):
    """Django's CSP middleware, with the sign-in providers allowed as form targets."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        for attribute, setting in (
            ("_csp_config", "SECURE_CSP"),
            ("_csp_ro_config", "SECURE_CSP_REPORT_ONLY"),
        ):
            if getattr(response, attribute, _UNSET) is _UNSET:
                setattr(response, attribute, with_sign_in_providers(getattr(settings, setting)))
        return super().process_response(request, response)
