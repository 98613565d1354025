"""How allauth signs people in here: who may sign up, and login limits that don't lock the
owner out (issue 12, item 7).

Failed passwords are limited per address and per (account, address) by allauth's
`login_failed` rates (settings ACCOUNT_RATE_LIMITS: "10/m/ip,5/300s/key", the key being the
account and the address). An attacker from one address is soon refused there, but the owner
signing in from another address is not. Beside that, a slower limit counts an account's
failures from every address (LOGIN_ACCOUNT_LIMIT, "20/h"): past it, each attempt on that
account waits a little before it is answered (one second more per failure over the limit, at
most LOGIN_DELAY_MAX_SECONDS), whether the password is right or not. It delays rather than
blocks, so the owner still gets in, a few seconds later, while attackers spread over many
addresses are slowed down."""

import hashlib
import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from samverkan.history.context import acting
from samverkan.people.models import Person

# The pause before answering a targeted account; tests replace it so nothing really sleeps.
pause = time.sleep


def _login_of(credentials: dict[str, Any]) -> str:
    return str(credentials.get("email", credentials.get("username", ""))).strip().lower()


def _failures_key(login: str) -> str:
    return "samverkan:login-failures:" + hashlib.sha256(login.encode()).hexdigest()


def _account_rate() -> ratelimit.Rate:
    return ratelimit.parse_rate(settings.LOGIN_ACCOUNT_LIMIT)


def recent_failures(login: str, *, now: float | None = None) -> list[float]:
    """The times of the account's failed sign-ins, from every address, within the window."""
    rate = _account_rate()
    now = time.time() if now is None else now
    return [at for at in cache.get(_failures_key(login), []) if at > now - rate.duration]


def record_failure(login: str) -> None:
    rate = _account_rate()
    key = _failures_key(login)
    # Read, add and write back under allauth's cache lock (cache.add, atomic in Redis and the
    # database cache): two web servers failing on one account at the same moment would
    # otherwise each write back a list without the other's failure. If the lock is not had
    # within a second the failure is still recorded (at worst one is lost, as before).
    with ratelimit.cache_lock(key):
        now = time.time()
        history = [*recent_failures(login, now=now), now]
        # Only as many as the delay can use are kept, so a flood of failures stays small.
        keep = rate.amount + int(settings.LOGIN_DELAY_MAX_SECONDS) + 1
        cache.set(key, history[-keep:], rate.duration)


def login_delay(login: str) -> float:
    """Seconds to wait before answering a sign-in on this account: 0 until the account-wide
    limit is passed, then one more second per failure over it, never more than the maximum."""
    if not login:
        return 0.0
    over = len(recent_failures(login)) - _account_rate().amount + 1
    if over <= 0:
        return 0.0
    return float(min(over, settings.LOGIN_DELAY_MAX_SECONDS))


def _fully_signed_in_just_now(request: HttpRequest | None) -> bool:
    """Signed in (or set up the second factor) within ACCOUNT_REAUTHENTICATION_TIMEOUT, with
    every factor the account has: as good as re-authenticating."""
    from allauth.account import app_settings as account_settings
    from allauth.account.internal.flows.login import get_authentication_records
    from allauth.mfa.models import Authenticator

    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    if not records or time.time() - records[-1]["at"] > account_settings.REAUTHENTICATION_TIMEOUT:
        return False
    if any(record.get("method") == "mfa" for record in records):
        return True
    return not Authenticator.objects.filter(user_id=user.pk).exists()


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by the secretariat or an import; open sign-up is a setting."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return bool(getattr(settings, "ACCOUNT_ALLOW_SIGNUPS", False))

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth keys the per-"key" rate by the account alone, so anyone could lock any
        # account; here it is the account *at this address*. Not by the site's domain either,
        # as allauth does: without django.contrib.sites that is the request's Host header,
        # which differs between web servers reached through a proxy and directly, and which a
        # client chooses ("example.org:1", ":2", "EXAMPLE.org"... each a fresh five attempts).
        # One instance serves one site (issue 18 §6).
        return f"{_login_of(credentials)}@{ratelimit.get_ip(request)}"

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        super().pre_authenticate(request, **credentials)
        delay = login_delay(_login_of(credentials))
        if delay:
            pause(delay)

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        record_failure(_login_of(credentials))

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        # Setting up the second factor straight after signing in (where the second-factor door
        # sends the person) asks for no second password: the sign-in is minutes old.
        if app == "allauth.mfa" and _fully_signed_in_just_now(context.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def set_password(self, user: Any, password: str) -> None:
        """A new password is in the account's history (masked). Without a sign-in it came
        through the e-mailed reset link: the history says so (issue 13, part 6)."""
        request = context.request
        own = request is not None and getattr(request.user, "pk", None) == user.pk
        if own:
            with acting(request.user, "change_password"):
                super().set_password(user, password)
            return
        holder = Person.objects.filter(user=user).first() or user
        with acting(None, "reset_password", via_link_for=holder):
            super().set_password(user, password)

    def get_login_stages(self) -> list[str]:
        # The second-factor stage knows that a municipality's provider may already have asked.
        return [
            "samverkan.accounts.mfa.AuthenticateStage"
            if stage == "allauth.mfa.stages.AuthenticateStage"
            else stage
            for stage in super().get_login_stages()
        ]
