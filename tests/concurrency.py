"""Racing two (or more) people against the same objects, each on a database connection of its
own, in threads started at the same moment (issue 18 §2).

On PostgreSQL each thread gets its own connection to the test database (the test uses
`transactional_db`, so what it set up is committed and seen by all). SQLite's in-memory test
database is shared between threads through its shared cache, whose table locks fail at once
instead of waiting and are not what a deployment has; `racing_database` therefore copies it to
a file and points the test and every racer at that file, with the settings' own OPTIONS (WAL,
the busy timeout, IMMEDIATE transactions)."""

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

# How long a racer that reached the writing step waits for the others to get there too. On
# PostgreSQL all get there and write together; on SQLite the first holds the write lock from
# the start of its transaction, the others wait at BEGIN, and the first goes on alone.
MEET_TIMEOUT = 1.0
# A racer that has not finished by then fails the test instead of hanging the run.
RACE_TIMEOUT = 60.0


@dataclass
class Outcome:
    """What one racer's call gave: its result, or the exception it raised."""

    result: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class RacingDatabase:
    """Where the racers' connections point; `new_connection` is None when each thread's own
    default connection will do (PostgreSQL)."""

    new_connection: Callable[[], BaseDatabaseWrapper] | None

    def race(self, *calls: Callable[[], Any]) -> list[Outcome]:
        """Run each call in a thread of its own, released together; the outcomes in order."""
        start = threading.Barrier(len(calls))
        outcomes = [Outcome() for _ in calls]

        def run(i: int, call: Callable[[], Any]) -> None:
            if self.new_connection is not None:
                connections[DEFAULT_DB_ALIAS] = self.new_connection()
            try:
                start.wait(timeout=RACE_TIMEOUT)
                outcomes[i].result = call()
            except BaseException as exc:
                outcomes[i].error = exc
            finally:
                connections.close_all()

        threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(RACE_TIMEOUT)
            assert not thread.is_alive(), "a racer did not finish"
        return outcomes

    def meet_before(self, owner: Any, name: str, parties: int = 2) -> Callable[[], None]:
        """Make `owner.name` (a manager's `create`, a model's `save`) wait for `parties`
        racers to reach it (or MEET_TIMEOUT) before it writes; returns the undo."""
        original = getattr(owner, name)
        barrier = threading.Barrier(parties)

        def waiting(*args: Any, **kwargs: Any) -> Any:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=MEET_TIMEOUT)
            return original(*args, **kwargs)

        setattr(owner, name, waiting)
        return lambda: setattr(owner, name, original)


@contextlib.contextmanager
def racing_database(tmp_path: Path) -> Iterator[RacingDatabase]:
    """Use within a test that has `transactional_db`. Yields the racers' database."""
    original = connections[DEFAULT_DB_ALIAS]
    if not (isinstance(original, SQLiteWrapper) and original.is_in_memory_db()):
        yield RacingDatabase(None)
        return
    path = tmp_path / "race.sqlite3"
    original.ensure_connection()
    target = sqlite3.connect(path)
    original.connection.backup(target)
    target.close()
    settings = {**original.settings_dict, "NAME": str(path)}

    def new_connection() -> BaseDatabaseWrapper:
        return type(original)(settings, alias=DEFAULT_DB_ALIAS)

    connections[DEFAULT_DB_ALIAS] = new_connection()
    try:
        yield RacingDatabase(new_connection)
    finally:
        connections[DEFAULT_DB_ALIAS].close()
        connections[DEFAULT_DB_ALIAS] = original


def errors_of(outcomes: list[Outcome]) -> list[BaseException]:
    return [o.error for o in outcomes if o.error is not None]
