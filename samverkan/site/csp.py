"""The Content-Security-Policy of every response (issue 13, part 4), through Django's own CSP
support: the policy is settings.SECURE_CSP (or SECURE_CSP_REPORT_ONLY), built in the settings'
"Trust (issue 13): csp" block; the nonce is request.csp_nonce, {{ csp_nonce }} in templates.

One thing the settings cannot know at start: the sign-in buttons POST to Samverkan, which
answers with a redirect to the municipality's OpenID provider, and Chromium applies
`form-action` to that redirect too. So the origins of the providers configured now
(accounts.oidc.providers.configured()) are added to `form-action` on every response; a view
that sets its own policy (Django's csp_override, or its own header, as the file responses do)
keeps it.

Issue 16 part D: the one page made for an iframe (/inbaddning/, samverkan/site/embed.py) widens
`frame-ancestors` to the origins of settings.EMBED_ORIGINS through `framable_by_embed_origins`;
every other page keeps 'none' (and X-Frame-Options DENY)."""

from collections.abc import Callable, Mapping, Sequence
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware import csp as django_csp
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_exempt

from samverkan.accounts.oidc import providers

FORM_ACTION = "form-action"
FRAME_ANCESTORS = "frame-ancestors"
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


def embed_frame_ancestors() -> list[str]:
    """Who may show an embeddable page in a frame: Samverkan itself (the secretariat's preview
    beside the snippet) and the configured origins (the intranet)."""
    return [CSP.SELF, *settings.EMBED_ORIGINS]


def framable_by_embed_origins(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """The page may be framed by the embed origins and by no one else. The browser then obeys
    `frame-ancestors`, so X-Frame-Options (which cannot name origins) is left off. In
    report-only mode (SAMVERKAN_CSP_REPORT_ONLY) `frame-ancestors` alone is still enforced
    here: without X-Frame-Options it is the only guard against framing."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        ancestors = embed_frame_ancestors()
        enforced = settings.SECURE_CSP or {}
        response._csp_config = {**enforced, FRAME_ANCESTORS: ancestors}  # type: ignore[attr-defined]
        if settings.SECURE_CSP_REPORT_ONLY:
            response._csp_ro_config = {  # type: ignore[attr-defined]
                **settings.SECURE_CSP_REPORT_ONLY,
                FRAME_ANCESTORS: ancestors,
            }
        return response

    return xframe_options_exempt(wrapped)
