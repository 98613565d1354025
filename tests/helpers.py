"""Test helpers shared by every test module."""

import contextlib
import datetime
import difflib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


def today() -> datetime.date:
    """Today in the cooperation's time zone, read when a test runs. A module constant read at
    import time goes stale when the suite crosses midnight (it did, in CI at 00:00 Stockholm
    time, 23:00 UTC)."""
    return timezone.localdate()


# ---- query counts (STYLE 7) ----------------------------------------------------------------
# Every query-count assertion goes through `assert_queries`, `assert_same_queries` or
# `assert_max_queries`, so that a failure prints the SQL of the block(s) it counted.


@dataclass
class Queries:
    """The SQL statements one call or block sent, in order; `len()` is the count."""

    label: str = ""
    sql: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.sql)

    def listing(self) -> str:
        head = f"{self.label}: " if self.label else ""
        lines = [f"--- {head}{len(self)} queries"]
        lines += [f"{i + 1}. {_short(q)}" for i, q in enumerate(self.sql)]
        return "\n".join(lines)


def _short(sql: str, limit: int = 1000) -> str:
    return sql if len(sql) <= limit else f"{sql[:limit]}… ({len(sql)} characters)"


@contextlib.contextmanager
def capture_queries(label: str = "") -> Iterator[Queries]:
    """`with capture_queries() as q: ...`: `q` holds the block's SQL once the block ends."""
    queries = Queries(label)
    with CaptureQueriesContext(connection) as ctx:
        yield queries
    queries.sql.extend(q["sql"] for q in ctx.captured_queries)


def queries_of(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Queries:
    """Call `func(*args, **kwargs)` and return the SQL it sent (labelled with the call)."""
    label = getattr(func, "__qualname__", repr(func))
    if args and isinstance(args[0], str):
        label = f"{label}({args[0]!r})"
    with capture_queries(label) as queries:
        func(*args, **kwargs)
    return queries


def assert_queries(
    queries: Queries, *, exactly: int | None = None, at_most: int | None = None
) -> None:
    """Fail with the SQL printed unless the count is `exactly` / `at_most` as given."""
    if exactly is not None and len(queries) != exactly:
        raise AssertionError(f"{len(queries)} queries, expected {exactly}:\n{queries.listing()}")
    if at_most is not None and len(queries) > at_most:
        raise AssertionError(f"{len(queries)} queries, expected ≤ {at_most}:\n{queries.listing()}")


def assert_same_queries(first: Queries, second: Queries) -> None:
    """Fail with both SQL lists (and their difference) unless both made as many queries: the
    'flat' check, e.g. a page for 10 and for 200 networks."""
    if len(first) == len(second):
        return
    diff = "\n".join(
        difflib.unified_diff(
            [_short(q, 200) for q in first.sql],
            [_short(q, 200) for q in second.sql],
            first.label or "first",
            second.label or "second",
            lineterm="",
        )
    )
    raise AssertionError(
        f"{len(first)} queries, then {len(second)}; expected the same number:\n"
        f"{first.listing()}\n{second.listing()}\n--- difference\n{diff}"
    )


@contextlib.contextmanager
def assert_max_queries(expected: int) -> Iterator[Queries]:
    """Fail with the SQL printed when a block makes more than `expected` queries (STYLE 7)."""
    with capture_queries() as queries:
        yield queries
    assert_queries(queries, at_most=expected)
