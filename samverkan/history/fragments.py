"""Rendered fragments kept until the data they show changes (issue 17 §4).

Every change lands in the history (history/coverage.py proves that no recorded model is left
out), so the newest history entry's id is a version of all recorded data: a fragment stored
under a key that holds it is current for as long as no entry is newer. The check costs one
query on the primary key's index, and it reads the database, so it holds across processes and
workers with no invalidation to send; the fragments themselves are kept in each process
(the "fragments" cache, local memory by default), where a stale one simply ages out.

A key also holds everything else the fragment depends on: the language, the date (pages say
"this year"), and what the page differs in by viewer. Only fragments that are the same for
everyone with those parts belong here: the views pass no key for a signed-in viewer whose
page shows their own things, and a fragment that holds a CSRF token or a CSP nonce is never
stored (it would be another visitor's).
"""

import datetime
import hashlib
import threading
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.signals import request_finished, request_started
from django.db.models import Max
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import get_language

from samverkan.history.models import HistoryEntry

CACHE = "fragments"
# Fragments that can belong to one visitor only: never stored.
PERSONAL_MARKS = ("csrfmiddlewaretoken", "nonce=")


class _Request(threading.local):
    active = False  # between request_started and request_finished of this thread
    version: int | None = None


_request = _Request()


@receiver(request_started)
def _request_started(**kwargs: Any) -> None:
    _request.active, _request.version = True, None


@receiver(request_finished)
def _request_finished(**kwargs: Any) -> None:
    _request.active, _request.version = False, None


def data_version() -> int:
    """The id of the newest history entry (0 in an empty history), read once per request
    (outside a request, a task say, every time). Read before the data a fragment shows, so a
    fragment stored under a version is never older than that version."""
    if _request.active and _request.version is not None:
        return _request.version
    version = HistoryEntry.objects.aggregate(v=Max("pk"))["v"] or 0
    if _request.active:
        _request.version = version
    return version


def fragment_key(name: str, *parts: Any, today: datetime.date | None = None) -> str:
    """The key of a fragment named `name` that depends on `parts` and on the recorded data."""
    if not _keeps_fragments():  # nothing is stored: no version to read
        return name
    today = today or timezone.localdate()
    raw = "\x1f".join(
        [name, str(data_version()), get_language() or "", today.isoformat(), *map(str, parts)]
    )
    return f"{name}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


def _keeps_fragments() -> bool:
    """False where settings name no "fragments" cache, or one that keeps nothing (the tests'
    default): then every page is built every time."""
    if CACHE not in settings.CACHES:
        return False
    return not isinstance(caches[CACHE], DummyCache)


def get(key: str | None) -> str | None:
    return caches[CACHE].get(key) if key and _keeps_fragments() else None


def put(key: str | None, html: str) -> None:
    if key and _keeps_fragments() and not any(mark in html for mark in PERSONAL_MARKS):
        caches[CACHE].set(key, html)


def get_object(key: str) -> Any:
    """A small object kept as a fragment is (None: not stored)."""
    return caches[CACHE].get(key) if _keeps_fragments() else None


def put_object(key: str, value: Any) -> None:
    if _keeps_fragments():
        caches[CACHE].set(key, value)
