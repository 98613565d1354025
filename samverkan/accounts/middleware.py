"""Two doors every signed-in request passes (issue 12, items 3 and 8).

SessionLifetimeMiddleware ends a session idle for SESSION_IDLE_MINUTES, or older than
SESSION_MAX_HOURS since sign-in, beside Django's new session key at every sign-in. The sign-in
time is stored at login; the last activity is written at most once a minute, so an ordinary
request does not save the session.

SecondFactorMiddleware sends a signed-in person who must have a second factor
(accounts/mfa.py) to set one up, or to show it when this session has not, before any other
page: only the second-factor pages themselves, signing out and re-authenticating, the language
switch and static files stay open. The API answers JSON instead of redirecting; a call with a
bearer token is the token's business (samverkan/api/auth.py)."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from samverkan.accounts import mfa

SIGNED_IN_AT = "samverkan_signed_in_at"
SEEN_AT = "samverkan_seen_at"
SEEN_RESOLUTION = 60  # seconds: the last activity is written at most this often

# The pages a person without their second factor may still reach (URL names).
OPEN_WITHOUT_SECOND_FACTOR = {
    "account_logout",
    "account_login",
    "account_reauthenticate",
    "people:set_language",
}


@receiver(user_logged_in)
def _remember_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kw: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _send_to(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def _already_said(request: HttpRequest, message: str) -> bool:
    """Whether the message is already waiting (a page that sends several requests at once)."""
    storage = messages.get_messages(request)
    said = any(m.message == message for m in storage)
    if hasattr(storage, "used"):
        storage.used = False  # looking is not showing: the message stays for the next page
    return said


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self._check(request)
            if expired:
                return expired
        return self.get_response(request)

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        session = request.session
        now = time.time()
        signed_in_at = session.get(SIGNED_IN_AT)
        seen_at = session.get(SEEN_AT)
        if signed_in_at is None or seen_at is None:
            # A session from before these limits (or made without a sign-in): start counting.
            session[SIGNED_IN_AT] = signed_in_at or now
            session[SEEN_AT] = now
            return None
        idle = now - seen_at > settings.SESSION_IDLE_MINUTES * 60
        too_old = now - signed_in_at > settings.SESSION_MAX_HOURS * 3600
        if not (idle or too_old):
            if now - seen_at >= SEEN_RESOLUTION:
                session[SEEN_AT] = now
            return None
        logout(request)
        if idle:
            message = _(
                "Du har loggats ut eftersom du inte har använt Samverkan på %(minutes)s minuter. "
                "Logga in igen för att fortsätta."
            ) % {"minutes": settings.SESSION_IDLE_MINUTES}
        else:
            message = _(
                "Du har loggats ut eftersom inloggningen är äldre än %(hours)s timmar. "
                "Logga in igen för att fortsätta."
            ) % {"hours": settings.SESSION_MAX_HOURS}
        if _is_api(request):
            return None  # the API goes on as anonymous and answers 401 itself
        messages.info(request, message)
        next_url = request.get_full_path() if request.method == "GET" else "/"
        login_url = resolve_url(settings.LOGIN_URL) + "?" + urlencode({"next": next_url})
        return _send_to(request, login_url)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or self._open(request):
            return None
        if not mfa.must_have_second_factor(user) or mfa.session_showed_second_factor(request):
            return None
        has_factor = mfa.has_second_factor(user)
        if _is_api(request):
            return JsonResponse(
                {
                    "error": {
                        "code": "second_factor_required",
                        "message": _(
                            "Ditt konto kräver tvåfaktorsautentisering. Logga in i webbläsaren och "
                            "slutför den, eller använd en API-nyckel."
                        ),
                    }
                },
                status=403,
            )
        if has_factor:
            message = _(
                "Bekräfta inloggningen med en kod från din autentiseringsapp innan du går vidare."
            )
            target = resolve_url("mfa_reauthenticate")
        else:
            message = _(
                "Ditt konto har behörigheter som kräver tvåfaktorsautentisering. Ställ in en "
                "autentiseringsapp innan du går vidare: skanna QR-koden och skriv in koden "
                "som appen visar."
            )
            target = resolve_url("mfa_activate_totp")
        if not _already_said(request, message):
            messages.warning(request, message)
        next_url = request.get_full_path() if request.method == "GET" else "/"
        return _send_to(request, target + "?" + urlencode({"next": next_url}))

    def _open(self, request: HttpRequest) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        if _is_api(request) and "authorization" in request.headers:
            return True
        match = request.resolver_match
        if match is None:
            return False
        name = match.view_name
        return name.startswith("mfa_") or name in OPEN_WITHOUT_SECOND_FACTOR
