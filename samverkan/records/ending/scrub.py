"""Taking a person's details out of the history (issue 15, §2 and §3).

auditlog keeps the old and new value of every change, so removing a contact detail from the
Person row alone would leave it in the history. An ending takes the removed contact details
out of the history as well; a retention decision later replaces the name. Only entries that
are about the person are rewritten, never another person's (two people may share a name, a
title or a switchboard number): the person's own row and account, the rows that point at the
person (attendance, memberships, working groups, mandates...), and the entries the person
made. An e-mail address belongs to one person only, so it is taken out wherever it stands.

The history is written here with QuerySet.update: HistoryEntry is the history itself and is
not recorded (history/coverage.py)."""

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from samverkan.history.models import HistoryEntry
from samverkan.people.models import Person, User

# How many history entries are read at a time.
CHUNK = 500
TEXT_FIELDS = ("object_repr", "changes_text", "actor_email", "via_link_for")
JSON_FIELDS = ("changes", "serialized_data", "additional_data")


def removed_mark() -> str:
    return _("(borttagen)")


def _replace(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return value.replace(old, new) if old in value else value
    if isinstance(value, list):
        return [_replace(item, old, new) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, old, new) for key, item in value.items()}
    return value


def _rewrite(entries: QuerySet[HistoryEntry], replacements: dict[str, str]) -> int:
    """Replace each old text with its new one in the entries' texts; returns how many
    entries changed."""
    replacements = {old: new for old, new in replacements.items() if old and old != new}
    if not replacements:
        return 0
    changed = 0
    for entry in entries.only("pk", *TEXT_FIELDS, *JSON_FIELDS).iterator(chunk_size=CHUNK):
        values = {}
        for name in (*TEXT_FIELDS, *JSON_FIELDS):
            before = after = getattr(entry, name)
            for old, new in replacements.items():
                after = _replace(after, old, new)
            if after != before:
                values[name] = after
        if values:
            HistoryEntry.objects.filter(pk=entry.pk).update(**values)
            changed += 1
    return changed


def entries_about(model: type, pks: Iterable[Any]) -> Q:
    """The entries about these rows of `model`."""
    ids = [str(pk) for pk in pks]
    if not ids:
        return Q(pk__in=[])
    content_type = ContentType.objects.get_for_model(model)
    return Q(content_type=content_type, object_pk__in=ids)


def _mentioning(text: str) -> Q:
    """Entries whose text holds `text` (case-insensitively; an e-mail address is ASCII, so
    its JSON form is itself)."""
    return (
        Q(object_repr__icontains=text)
        | Q(changes_text__icontains=text)
        | Q(actor_email__icontains=text)
        | Q(via_link_for__icontains=text)
        | Q(changes_as_text__icontains=text)
    )


def _with_text() -> QuerySet[HistoryEntry]:
    return HistoryEntry.objects.annotate(changes_as_text=Cast("changes", TextField()))


def own_entries(person: Person) -> Q:
    """The entries about the person's own row and account."""
    q = entries_about(Person, [person.pk])
    if person.user_id is not None:
        q |= entries_about(User, [person.user_id])
    return q


def remove_contact_details(person: Person, removed: dict[str, str]) -> int:
    """After an ending: the removed contact details out of the person's history. The entries
    the person made name them by name instead of by address."""
    mark = removed_mark()
    if person.user_id is not None:
        HistoryEntry.objects.filter(actor_id=person.user_id).update(actor_email=person.name)
    changed = 0
    own = HistoryEntry.objects.filter(own_entries(person)).only("pk", "changes")
    for entry in own.iterator(chunk_size=CHUNK):
        changes = entry.changes if isinstance(entry.changes, dict) else None
        if not changes:
            continue
        fixed = {
            key: ([mark if v not in (None, "", "None") else v for v in value])
            if key in removed and isinstance(value, list)
            else value
            for key, value in changes.items()
        }
        if fixed != changes:
            HistoryEntry.objects.filter(pk=entry.pk).update(changes=fixed)
            changed += 1
    for address in {removed.get("email", ""), removed.get("pending_email", "")} - {""}:
        entries = _with_text().filter(_mentioning(address))
        changed += _rewrite(entries, {address: mark, address.lower(): mark})
    return changed


def _related_rows(person: Person) -> Iterator[tuple[type, list[Any]]]:
    """Each model whose rows point at the person (a foreign key or a many-to-many field),
    with the primary keys of those rows."""
    for relation in Person._meta.related_objects:
        model = relation.related_model
        if not isinstance(model, type) or model is Person:
            continue
        name = relation.field.name
        pks = list(model._default_manager.filter(**{name: person}).values_list("pk", flat=True))
        if pks:
            yield model, pks


def pseudonymise_history(
    person: Person, name: str, pseudonym: str, *, more: Q | None = None
) -> int:
    """The name out of the entries about the person, the rows pointing at them, the entries
    they made, and `more` (the records that name them in their text)."""
    about = own_entries(person)
    for model, pks in _related_rows(person):
        for start in range(0, len(pks), CHUNK):
            about |= entries_about(model, pks[start : start + CHUNK])
    if person.user_id is not None:
        about |= Q(actor_id=person.user_id)
    if more is not None:
        about |= more
    # A many-to-many list the person has left since (a working group) names them only in the
    # entries of the change: those of that model whose text holds the name.
    escaped = json.dumps(name)[1:-1]  # how a JSON text without ensure_ascii=False holds it
    for relation in Person._meta.related_objects:
        if relation.many_to_many and isinstance(relation.related_model, type):
            content_type = ContentType.objects.get_for_model(relation.related_model)
            about |= Q(content_type=content_type) & (_mentioning(name) | _mentioning(escaped))
    return _rewrite(_with_text().filter(about), {name: pseudonym})
