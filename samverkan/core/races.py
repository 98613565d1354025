"""Two people saving the same thing at once (issue 18 §2).

A check made before an insert ("this network has no plan for 2026 yet") can be overtaken by
another request between the check and the insert; the database's unique constraint then
refuses the second insert. For the person who sent it that is the same thing as saving over an
edit they have not seen, so it ends in the same `ConflictError` as a version check, never in an
IntegrityError (a 500) and never in a half-written change."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samverkan.core.errors import ConflictError

# PostgreSQL's SQLSTATE for unique_violation; SQLite has no code, only its message.
UNIQUE_VIOLATION = "23505"


def conflict_message() -> str:
    """What a person is told when someone else saved the same thing first."""
    return _(
        "Någon annan har sparat samma uppgifter samtidigt som du. Dina ändringar är inte "
        "sparade: ladda om sidan, se vad som ändrats och gör dina ändringar igen."
    )


def is_unique_violation(exc: IntegrityError) -> bool:
    """True for a unique constraint refusing a row; False for the other integrity errors (a
    foreign key, a check constraint, NOT NULL), which are bugs and stay errors."""
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate:
        return sqlstate == UNIQUE_VIOLATION
    return str(exc).startswith("UNIQUE constraint failed")


@contextmanager
def conflict_on_unique(message: str | None = None) -> Iterator[None]:
    """Run the block in a savepoint (a transaction of its own outside one); a unique
    constraint violated inside it is rolled back to the savepoint and raised as ConflictError
    with `message` (the version check's own message where the object has one)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        if not is_unique_violation(exc):
            raise
        raise ConflictError(message or conflict_message()) from exc
