"""allauth's openid_connect login and callback views, with one guard: an unreachable provider
(discovery, token or userinfo request failing where allauth does not catch it, e.g. the
callback's first discovery fetch) gives the Swedish error page instead of a 500 (issue 12)."""

import functools
from collections.abc import Callable

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.providers.openid_connect import views as allauth_views
from django.http import HttpRequest, HttpResponse
from requests import RequestException


def _guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)  # keeps allauth's login_not_required mark
    def guarded(request: HttpRequest, provider_id: str) -> HttpResponse:
        try:
            return view(request, provider_id)
        except RequestException as exc:
            provider = get_adapter(request).get_provider(request, provider_id)
            return render_authentication_error(request, provider, exception=exc)

    return guarded


login = _guarded(allauth_views.login)
callback = _guarded(allauth_views.callback)
