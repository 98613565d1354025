"""Is the database out of reach for a moment (issue 18 §2)? While PostgreSQL restarts, or
while SQLite cannot get its lock, a request cannot be served; it is answered 503 with
Retry-After (samverkan/site/unavailable.py, samverkan/api/errors.py) instead of a 500, because
trying again a few seconds later will work. Every other database error stays a 500: a missing
table or a bad query is a bug that retrying does not cure."""

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

# PostgreSQL's SQLSTATE classes that mean "not now": 08 connection exception, 53 insufficient
# resources (too many connections), 57 operator intervention (admin shutdown, cannot connect
# now, query cancelled by statement_timeout), 40 transaction rollback (deadlock, serialisation).
RETRYABLE_SQLSTATE_CLASSES = ("08", "53", "57", "40")
# SQLite's messages for the same: the file is locked past the busy timeout, or not openable.
RETRYABLE_SQLITE_MESSAGES = ("database is locked", "unable to open database file", "disk I/O")


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True when `exc` (or what it was raised from) says the database cannot be reached now."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, InterfaceError):
            return True  # the connection is gone (psycopg: "connection already closed")
        if isinstance(exc, OperationalError):
            return _retryable(exc)
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _retryable(exc: OperationalError) -> bool:
    cause = exc.__cause__
    module = type(cause).__module__ if cause is not None else ""
    if module.startswith("sqlite3"):
        return any(text in str(exc) for text in RETRYABLE_SQLITE_MESSAGES)
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    # psycopg gives no SQLSTATE when it could not reach the server at all (refused, closed).
    return not sqlstate or sqlstate[:2] in RETRYABLE_SQLSTATE_CLASSES


def retry_after_seconds() -> int:
    return max(1, int(getattr(settings, "DATABASE_RETRY_AFTER_SECONDS", 5)))


def unavailable_message() -> str:
    return _(
        "Tjänsten kan inte nå sin databas just nu. Inget av det du skickade har sparats till "
        "hälften. Försök igen om en liten stund."
    )
