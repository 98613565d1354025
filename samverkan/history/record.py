"""What the history needs beside auditlog's signals (issue 13, part 6).

- `record_created`: rows written with `bulk_create`, which sends no signal, get the entry that
  auditlog's post_save would have written, one each, with the actor, verb and network of the
  surrounding `acting()`.
- `secret`: the mask for fields whose value must never be in the history (a password hash, a
  client secret): an entry shows that it changed, never what it was or became."""

from collections.abc import Iterable

from auditlog.receivers import log_create
from auditlog.registry import auditlog
from django.db.models import Model

UNSET = "–"
SET = "(dolt)"


def record_created[M: Model](rows: Iterable[M]) -> list[M]:
    """One history entry per row just written by bulk_create; returns the rows."""
    rows = list(rows)
    for row in rows:
        model = type(row)
        if not auditlog.contains(model):
            raise ValueError(f"{model._meta.label} is not recorded in the history")
        if row.pk is None:
            raise ValueError("bulk_create returned no primary keys; the rows cannot be recorded")
        log_create(sender=model, instance=row, created=True)
    return rows


def secret(value: str) -> str:
    """auditlog's mask_callable for secrets. auditlog passes str(value); an unusable password
    starts with "!" (Django), a missing value is "" or "None"."""
    if value in ("", "None") or value.startswith("!"):
        return UNSET
    return SET
