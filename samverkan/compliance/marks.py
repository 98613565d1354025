"""Marks: which networks' stored verdicts a transaction has made stale (issue 17).

Every service write lands in the history (STYLE habit 3), with `network` set for network
data, so one receiver on the history (compliance/receivers.py) sees every change. Inside the
write's own transaction it upserts the network's `VerdictMark`, so a reader never takes a row
older than the data for current; after the commit ONE task per transaction re-evaluates the
networks it touched (compliance/tasks.py `refresh_marked`).

Changes that belong to no network decide by model: those in COOPERATION_WIDE (the development
plan, the municipalities, a survey round) mark every network; a room may name which networks a
change of its other models touches with `@touches("people.Person")`; anything else (accounts,
notices) leaves the verdicts alone."""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone

from samverkan.compliance.models import VerdictMark

# Models read by the rules' loaders that have no network of their own.
COOPERATION_WIDE = frozenset(
    {
        "cooperation.cooperation",
        "cooperation.area",
        "cooperation.developmentplan",
        "cooperation.developmentarea",
        "cooperation.municipality",
        "cooperation.populationfigure",
        "cooperation.managementcontact",
        "surveys.surveyround",
    }
)

# network id (None: every network) → marked_at, as a task read them
Seen = dict[int | None, datetime.datetime]
Resolver = Callable[[Any], Iterable[int]]
RESOLVERS: dict[str, Resolver] = {}


def touches(label: str) -> Callable[[Resolver], Resolver]:
    """Register which networks a change of `label` ("app.Model"), recorded without a network,
    touches: the function gets the history entry and returns network ids."""

    def register(func: Resolver) -> Resolver:
        RESOLVERS[label.lower()] = func
        return func

    return register


class _Pending:
    """What this transaction has marked so far, so that a network is upserted once per
    transaction however many rows of it change, and the task is enqueued once. The instance
    lives while its on_commit callback is registered on the connection: a new transaction
    (or a rolled-back one) finds no callback and starts a new instance."""

    def __init__(self, using: str) -> None:
        self.using = using
        # network id → the savepoints open when it was marked: a mark written inside a
        # savepoint that was rolled back since is written again.
        self.ids: dict[int, tuple[str, ...]] = {}
        self.everything: tuple[str, ...] | None = None

    def alive(self, marked_in: tuple[str, ...] | None) -> bool:
        if marked_in is None:
            return False
        current = tuple(connections[self.using].savepoint_ids)
        return current[: len(marked_in)] == marked_in

    def flush(self) -> None:
        from samverkan.compliance.tasks import refresh_marked

        refresh_marked.enqueue(sorted(self.ids), self.everything is not None)


# Kept on the connection, which is the thread's own.
PENDING = "samverkan_verdict_marks"


def _current(using: str) -> _Pending:
    connection = connections[using]
    pending: _Pending | None = getattr(connection, PENDING, None)
    registered = pending is not None and any(
        entry[1] == pending.flush for entry in connection.run_on_commit
    )
    if pending is None or not registered or not connection.in_atomic_block:
        pending = _Pending(using)
        setattr(connection, PENDING, pending)
        if connection.in_atomic_block:
            # robust: a failed enqueue must not break the write; the nightly refresh and the
            # next write's task pick the mark up.
            transaction.on_commit(pending.flush, using=using, robust=True)
    return pending


def mark_networks(network_ids: Iterable[int], *, using: str = "default") -> None:
    """Mark these networks' stored verdicts stale in the current transaction, and have them
    re-evaluated once it commits."""
    pending = _current(using)
    now = timezone.now()
    new = [i for i in set(network_ids) if not pending.alive(pending.ids.get(i))]
    if not new:
        return
    VerdictMark.objects.using(using).bulk_create(
        [VerdictMark(network_id=i, marked_at=now) for i in sorted(new)],
        update_conflicts=True,
        unique_fields=["network_id"],
        update_fields=["marked_at"],
    )
    sids = tuple(connections[using].savepoint_ids)
    pending.ids.update(dict.fromkeys(new, sids))
    if not connections[using].in_atomic_block:
        pending.flush()


def mark_all(*, using: str = "default") -> None:
    """Mark every network stale (a cooperation-wide change)."""
    pending = _current(using)
    if pending.alive(pending.everything):
        return
    now = timezone.now()
    marks = VerdictMark.objects.using(using)
    if not marks.filter(network_id=None).update(marked_at=now):
        marks.create(network_id=None, marked_at=now)
    pending.everything = tuple(connections[using].savepoint_ids)
    if not connections[using].in_atomic_block:
        pending.flush()


def entry_recorded(entry: Any, *, using: str = "default") -> None:
    """The history receiver's work: mark what this entry's change touches."""
    if entry.network_id is not None:
        mark_networks([entry.network_id], using=using)
        return
    if entry.content_type_id is None:
        return
    from django.contrib.contenttypes.models import ContentType

    # auditlog looked the type up to write the entry: this is its cache, no query.
    content_type = ContentType.objects.db_manager(using).get_for_id(entry.content_type_id)
    label = f"{content_type.app_label}.{content_type.model}"
    if label in COOPERATION_WIDE:
        mark_all(using=using)
    elif resolver := RESOLVERS.get(label):
        ids = list(resolver(entry))
        if ids:
            mark_networks(ids, using=using)


def marks_seen(using: str = "default") -> Seen:
    """Every mark now, network id (None: all) → marked_at; the task's view at its start."""
    out: Seen = {}
    for network_id, marked_at in VerdictMark.objects.using(using).values_list(
        "network_id", "marked_at"
    ):
        if network_id not in out or out[network_id] < marked_at:
            out[network_id] = marked_at
    return out


def clear_marks(seen: Seen, *, using: str = "default") -> None:
    """Delete the marks the caller saw and has now handled, unless a later change moved them
    (compare-and-delete on marked_at: a write that committed meanwhile keeps its mark)."""
    # Whatever this transaction marked may be among them: a later change in it marks anew.
    setattr(connections[using], PENDING, None)
    marks = VerdictMark.objects.using(using)
    if None in seen:
        marks.filter(network_id=None, marked_at__lte=seen[None]).delete()
    pairs = [(k, v) for k, v in seen.items() if k is not None]
    for start in range(0, len(pairs), 200):
        condition = Q(pk__in=[])
        for network_id, marked_at in pairs[start : start + 200]:
            condition |= Q(network_id=network_id, marked_at=marked_at)
        marks.filter(condition).delete()
