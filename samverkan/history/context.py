"""Who is acting and with which verb, for the history entries written meanwhile."""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

# HistoryEntry.via_link_for's length.
_HOLDER_MAX = 254


@dataclass(frozen=True)
class Acting:
    user: Any
    verb: str
    via_link_for: str = ""
    # Issue 14: an action made of other services (the register import) names every change
    # made inside it with its own verb, whichever service made the change.
    keeps_verb: bool = False


_acting: ContextVar[Acting | None] = ContextVar("samverkan_acting", default=None)


def link_holder(person: Any) -> str:
    """How the history names the person an e-mailed link was sent to: "Namn <e-post>". Takes a
    people.Person or an account (history sits below people and imports neither)."""
    name = str(getattr(person, "name", "") or "").strip()
    email = str(getattr(person, "email", "") or "").strip()
    text = f"{name} <{email}>" if name and email else name or email or str(person)
    return text[:_HOLDER_MAX]


@contextlib.contextmanager
def acting(
    user: Any, verb: str, *, via_link_for: Any = None, keeps_verb: bool = False
) -> Iterator[None]:
    """Every model change inside this block is recorded as done by `user` through `verb`.

    `via_link_for` is the person a personal e-mailed link was sent to, for a change made with
    that link and no sign-in (an invitation answered by link, an account activated): the
    history shows "via e-postlänk för <person>" as the one acting (issue 13, part 6).

    `keeps_verb`: the services called inside keep this block's verb and actor for what they
    change (issue 14: everything the register import writes is recorded as `import_register`
    by the one who imported, though it goes through the rooms' own services)."""
    outer = _acting.get()
    if outer is not None and outer.keeps_verb:
        user, verb, keeps_verb = outer.user, outer.verb, True
    holder = link_holder(via_link_for) if via_link_for is not None else ""
    token = _acting.set(
        Acting(
            user=user if getattr(user, "pk", None) else None,
            verb=verb,
            via_link_for=holder,
            keeps_verb=keeps_verb,
        )
    )
    try:
        yield
    finally:
        _acting.reset(token)


def current() -> Acting | None:
    return _acting.get()
