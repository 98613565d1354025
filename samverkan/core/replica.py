"""Reads from a read replica where a few seconds' lag does no harm (issue 18 §6).

With DATABASE_REPLICA_URL set, settings.py adds the database alias "replica" and this router.
Nothing goes to the replica by default: a replica lags behind the primary (streaming
replication, usually well under a second, more under load), and a page that shows what its
user just saved must read the primary. A selector that may read slightly old data — a report,
an export, the public catalogue — opts in:

    @replica_reads
    def participation_matrix(...): ...

Inside it every read uses the replica; writes always go to the primary, and a read inside a
transaction on the primary stays on the primary (it must see its own writes)."""

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections

REPLICA = "replica"

_on_replica: ContextVar[bool] = ContextVar("samverkan_replica_reads", default=False)


@contextlib.contextmanager
def on_replica() -> Iterator[None]:
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


def replica_reads[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with on_replica():
            return func(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if (
            _on_replica.get()
            and REPLICA in settings.DATABASES
            and not connections["default"].in_atomic_block
        ):
            return REPLICA
        return None

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"
