"""Rendered fragments kept until the data they show changes (issue 17 §4).

Every change lands in the history (history/coverage.py proves that no recorded model is left
out), so the newest history entry's id is a version of all recorded data: a fragment stored
under a key that holds it is current for as long as no entry is newer. The check costs one
query on the primary key's index, and it reads the database, so it holds across processes and
workers with no invalidation to send; the fragments themselves are kept in each process
(the "fragments" cache, local memory by default), where a stale one simply ages out; the few
that are dear to build and seldom asked for are kept in the shared cache as well (`shared`).

A fragment that shows only some models' rows (the dashboard's participation picture: networks,
participations, municipalities, areas) names them, and its version is then the newest entry
about rows of those models (one indexed lookup per model, history_by_model): a change of a
year plan leaves it current, where the one version of everything would have thrown it away.

A key also holds everything else the fragment depends on: the language, the date (pages say
"this year"), and what the page differs in by viewer. Only fragments that are the same for
everyone with those parts belong here: the views pass no key for a signed-in viewer whose
page shows their own things, and a fragment that holds a CSRF token or a CSP nonce is never
stored (it would be another visitor's).
"""

import datetime
import hashlib
import logging
import threading
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.signals import request_finished, request_started
from django.db.models import Max, Model, OuterRef, Subquery
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import get_language

from samverkan.history.models import HistoryEntry

logger = logging.getLogger(__name__)

CACHE = "fragments"
# Fragments that can belong to one visitor only: never stored.
PERSONAL_MARKS = ("csrfmiddlewaretoken", "nonce=")


class _Request(threading.local):
    active = False  # between request_started and request_finished of this thread
    version: int | None = None
    versions: dict[tuple[str, ...], int] | None = None  # of some models: data_version(*models)


_request = _Request()


@receiver(request_started)
def _request_started(**kwargs: Any) -> None:
    _request.active, _request.version, _request.versions = True, None, None


@receiver(request_finished)
def _request_finished(**kwargs: Any) -> None:
    _request.active, _request.version, _request.versions = False, None, None


def data_version(*models: type[Model]) -> int:
    """The id of the newest history entry (0 in an empty history), or with `models` the newest
    about rows of those models, read once per request (outside a request, a task say, every
    time). Read before the data a fragment shows, so a fragment stored under a version is
    never older than that version."""
    if not models:
        if _request.active and _request.version is not None:
            return _request.version
        version = HistoryEntry.objects.aggregate(v=Max("pk"))["v"] or 0
        if _request.active:
            _request.version = version
        return version
    labels = tuple(sorted(m._meta.label_lower for m in models))
    if _request.active and _request.versions is not None and labels in _request.versions:
        return _request.versions[labels]
    types = ContentType.objects.get_for_models(*models).values()
    newest = HistoryEntry.objects.filter(content_type=OuterRef("pk")).order_by("-pk")
    version = max(
        (
            v or 0
            for v in ContentType.objects.filter(pk__in=[t.pk for t in types])
            .annotate(v=Subquery(newest.values("pk")[:1]))
            .values_list("v", flat=True)
        ),
        default=0,
    )
    if _request.active:
        _request.versions = {**(_request.versions or {}), labels: version}
    return version


def fragment_key(
    name: str,
    *parts: Any,
    today: datetime.date | None = None,
    models: Sequence[type[Model]] = (),
) -> str:
    """The key of a fragment named `name` that depends on `parts` and on the recorded data
    (with `models`: on the rows of those models only)."""
    if not _keeps_fragments():  # nothing is stored: no version to read
        return name
    today = today or timezone.localdate()
    version = data_version(*models)
    raw = "\x1f".join(
        [name, str(version), get_language() or "", today.isoformat(), *map(str, parts)]
    )
    return f"{name}:{hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()}"


def _keeps_fragments() -> bool:
    """False where settings name no "fragments" cache, or one that keeps nothing (the tests'
    default): then every page is built every time."""
    if CACHE not in settings.CACHES:
        return False
    return not isinstance(caches[CACHE], DummyCache)


# A fragment that costs much to build and is asked for by few (the dashboard's panels) is also
# kept in the cache every process shares ("default": the database's or Redis), so that one
# worker builds it per change, not each, and a new worker finds it: read from this process's
# own first, then from the shared one.
SHARED_PREFIX = "fragment:"


def _shared_get(key: str) -> Any:
    try:
        value = caches["default"].get(SHARED_PREFIX + key)
    except Exception:  # kept by an older version of the code, or the cache is away: build it
        logger.warning("fragment %s could not be read from the shared cache", key, exc_info=True)
        return None
    if value is not None:
        caches[CACHE].set(key, value)
    return value


def _shared_put(key: str, value: Any) -> None:
    try:
        caches["default"].set(SHARED_PREFIX + key, value, timeout=caches[CACHE].default_timeout)
    except Exception:  # the page is built; keeping it is a saving, never a failure
        logger.warning("fragment %s could not be kept in the shared cache", key, exc_info=True)


def get(key: str | None, *, shared: bool = False) -> str | None:
    if not key or not _keeps_fragments():
        return None
    html = caches[CACHE].get(key)
    return _shared_get(key) if html is None and shared else html


def put(key: str | None, html: str, *, shared: bool = False) -> None:
    if key and _keeps_fragments() and not any(mark in html for mark in PERSONAL_MARKS):
        caches[CACHE].set(key, html)
        if shared:
            _shared_put(key, html)


def get_object(key: str, *, shared: bool = False) -> Any:
    """A small object kept as a fragment is (None: not stored)."""
    if not _keeps_fragments():
        return None
    value = caches[CACHE].get(key)
    return _shared_get(key) if value is None and shared else value


def put_object(key: str, value: Any, *, shared: bool = False) -> None:
    if _keeps_fragments():
        caches[CACHE].set(key, value)
        if shared:
            _shared_put(key, value)
