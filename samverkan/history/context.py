"""Who is acting and with which verb, for the history entries written meanwhile."""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Acting:
    user: Any
    verb: str


_acting: ContextVar[Acting | None] = ContextVar("samverkan_acting", default=None)


@contextlib.contextmanager
def acting(user: Any, verb: str) -> Iterator[None]:
    """Every model change inside this block is recorded as done by `user` through `verb`."""
    token = _acting.set(Acting(user=user if getattr(user, "pk", None) else None, verb=verb))
    try:
        yield
    finally:
        _acting.reset(token)


def current() -> Acting | None:
    return _acting.get()
