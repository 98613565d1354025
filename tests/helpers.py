"""Test helpers shared by every test module."""

import contextlib
from collections.abc import Iterator

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextlib.contextmanager
def assert_max_queries(expected: int) -> Iterator[CaptureQueriesContext]:
    """Fail with the SQL printed when a block makes more than `expected` queries (STYLE 7)."""
    with CaptureQueriesContext(connection) as ctx:
        yield ctx
    if len(ctx.captured_queries) > expected:
        sql = "\n".join(f"{i + 1}. {q['sql']}" for i, q in enumerate(ctx.captured_queries))
        raise AssertionError(f"{len(ctx.captured_queries)} queries, expected ≤ {expected}:\n{sql}")


def count_queries(func: object, *args: object, **kwargs: object) -> int:
    with CaptureQueriesContext(connection) as ctx:
        func(*args, **kwargs)  # type: ignore[operator]
    return len(ctx.captured_queries)
