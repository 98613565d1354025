"""Who is calling the API. A bearer token acts as its person's account; a browser that is signed
in acts as its session's user; an anonymous caller may read the catalogue only where the instance
publishes it. Every decision after that is the owning room's access.py, as for the pages
(STYLE habit 5).

Routes ask `actor(request)` for the acting user and call the rooms' getters; the `require_…`
helpers here raise the exceptions that samverkan.api.errors turns into JSON."""

import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, SessionAuth

from samverkan.api.errors import Unauthorized
from samverkan.api.models import ApiToken, hash_token
from samverkan.networks.access import can_read_catalogue
from samverkan.people.access import is_secretariat

# last_used_at is written at most this often per token, not on every call.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
# What a read-only token may do: read.
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class BearerToken(HttpBearer):
    """`Authorization: Bearer sv_…`. A header that is there but wrong (unknown, revoked, past
    its last day) is a 401, never a quiet fall-back to anonymous access; a read-only token
    that tries to write is a 403."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header)
        if header is None:
            return None
        scheme, _sep, token = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthorized(_("Skicka API-nyckeln som Authorization: Bearer …"))
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = (
            ApiToken.objects.select_related("person__user")
            .filter(key_hash=hash_token(token))
            .first()
        )
        if found is None:
            raise Unauthorized(_("API-nyckeln är okänd."))
        if found.revoked_at is not None:
            raise Unauthorized(_("API-nyckeln är återkallad."))
        if found.has_expired(timezone.localdate()):
            raise Unauthorized(_("API-nyckeln har gått ut."))
        user = found.person.user
        if user is None or not user.is_active:
            raise Unauthorized(_("API-nyckelns konto är inte aktivt."))
        if found.read_only and request.method not in SAFE_METHODS:
            # Issue 13: a read-only token never changes anything, whatever its person may do.
            raise PermissionDenied(_("API-nyckeln får bara läsa (GET); den kan inte ändra något."))
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        # The token acts as its person's account, so every access predicate applies unchanged.
        request.user = user
        request.api_token = found  # type: ignore[attr-defined]
        return found


class SignedInSession(SessionAuth):
    """A signed-in browser (e.g. the docs page); ninja checks CSRF for unsafe methods."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


def published_catalogue(request: HttpRequest) -> Any:
    """Allmänheten reads the catalogue only where the instance publishes it (SPEC §1)."""
    if can_read_catalogue(AnonymousUser()):
        return "anonymous"
    return None


bearer = BearerToken()
session = SignedInSession()

# The API's default: a token or a signed-in session.
SIGNED_IN = [bearer, session]
# The catalogue routes: as SIGNED_IN, or anonymous where the catalogue is published.
CATALOGUE = [bearer, session, published_catalogue]


def actor(request: HttpRequest) -> Any:
    """The acting user: the token's person's account, the session's user, or AnonymousUser."""
    return getattr(request, "user", None) or AnonymousUser()


def require_signed_in(request: HttpRequest) -> Any:
    user = actor(request)
    if not user.is_authenticated:
        raise Unauthorized()
    return user


def require_secretariat(request: HttpRequest) -> Any:
    """401 for nobody, 403 for a signed-in person outside the secretariat."""
    user = require_signed_in(request)
    if not is_secretariat(user):
        raise PermissionDenied(_("Det här är till för sekretariatet."))
    return user
