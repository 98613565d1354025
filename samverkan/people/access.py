"""Who is asking (STYLE habit 5): the viewer, resolved once per request, and the secretariat.

Each room keeps the getters and predicates for its own objects in its own `access.py`; this
module holds only what all of them ask first. What a room above resolves about a user (the
network roles, say) is kept with `remember`, beside the viewer, so that `forget_viewer` drops
all of it when a service changes what the user may do.
"""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from samverkan.people.models import Person

_CACHE = "_samverkan_access"


@dataclass
class Viewer:
    """Who is asking: the account, its person and whether it speaks for the secretariat."""

    user: Any
    person: Person | None
    is_secretariat: bool

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))


def remember[T](user: Any, key: str, compute: Callable[[], T]) -> T:
    """What `compute` says about `user`, worked out once and kept on the user object (for
    the request, or for as long as a test holds the user) until `forget_viewer`."""
    cache = getattr(user, _CACHE, None)
    if cache is None:
        cache = {}
        with contextlib.suppress(AttributeError):
            setattr(user, _CACHE, cache)
    if key not in cache:
        cache[key] = compute()
    value: T = cache[key]
    return value


def _resolve_viewer(user: Any) -> Viewer:
    if user is None or not getattr(user, "is_authenticated", False):
        return Viewer(user=user, person=None, is_secretariat=False)
    # Through the reverse accessor, so that the person stays on the user for the request (the
    # header asks `user.person` too) and comes with the user where it was loaded with it
    # (people/backends.py).
    try:
        person = user.person
    except Person.DoesNotExist:
        person = None
    return Viewer(
        user=user,
        person=person,
        is_secretariat=bool(getattr(user, "is_superuser", False))
        or bool(person and person.is_secretariat),
    )


def viewer_for(user: Any) -> Viewer:
    """The user's person and standing (one query, kept on the user)."""
    return remember(user, "viewer", lambda: _resolve_viewer(user))


def forget_viewer(user: Any) -> None:
    """Drop the viewer and everything remembered with it (after a change of roles)."""
    if hasattr(user, _CACHE):
        delattr(user, _CACHE)
    fields_cache = getattr(getattr(user, "_state", None), "fields_cache", None)
    if fields_cache:
        fields_cache.pop("person", None)  # the person may have been linked or unlinked since


def person_for(user: Any) -> Person | None:
    return viewer_for(user).person


def is_secretariat(user: Any) -> bool:
    return viewer_for(user).is_secretariat


def require_secretariat(user: Any) -> None:
    """The secretariat's pages: unknown to the anonymous (404), refused to others (403)."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    if not is_secretariat(user):
        raise PermissionDenied(_("Sidan är till för sekretariatet."))
