"""A person's register extract (GDPR art. 15, issue 15 §1): the registry of its parts, and the
people room's own parts (who the person is, and the history).

Every room that keeps something about a person adds its part in its own `extract.py`
(found by core/plugins.py), so that the extract is never short of what a room added later:

    @extract_part("attendance", _("Närvaro"), order=50, labels={"meeting": _("Möte"), …})
    def attendance(person: Person) -> list[dict[str, Any]]: …

A part returns plain, JSON-able data about the person: a dict (one record: label → value) or
a list of dicts (rows). Dates are ISO strings (`day`, `moment`), so that the JSON file and
the PDF show the same values. `labels` names the keys for people (the PDF); the JSON keeps
the keys. A part never returns a secret (a password hash, a token, a session key): it says
that one exists and when it was made or used.

The registry sits in `people` so that every room above it can register; records/extract
puts the parts together into the JSON file and the PDF."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samverkan.history.models import HistoryEntry
from samverkan.history.words import in_words
from samverkan.people.models import Person

PartData = dict[str, Any] | list[dict[str, Any]]
Collect = Callable[[Person], PartData]


@dataclass(frozen=True)
class ExtractPart:
    key: str
    title: str | Promise
    collect: Collect
    order: int = 100
    labels: dict[str, str | Promise] = field(default_factory=dict)
    # Said in the extract under the part's title: what the part holds, or why it is empty.
    note: str | Promise = ""


PARTS: dict[str, ExtractPart] = {}


def extract_part(
    key: str,
    title: str | Promise,
    *,
    order: int = 100,
    labels: dict[str, str | Promise] | None = None,
    note: str | Promise = "",
) -> Callable[[Collect], Collect]:
    """Add the decorated function's part to every register extract, under `key`."""

    def register(collect: Collect) -> Collect:
        PARTS[key] = ExtractPart(key, title, collect, order, dict(labels or {}), note)
        return collect

    return register


def parts() -> list[ExtractPart]:
    return sorted(PARTS.values(), key=lambda p: (p.order, p.key))


# What the history part also shows: entries whose object is a row about the person that a
# room above keeps (a membership, an attendance). Each function returns (model, primary keys).
HistorySubjects = Callable[[Person], Iterable[tuple[type[Model], Iterable[Any]]]]
HISTORY_SUBJECTS: list[HistorySubjects] = []


def history_subjects(func: HistorySubjects) -> HistorySubjects:
    """Add the rows `func` names for a person to the history part of their extract."""
    HISTORY_SUBJECTS.append(func)
    return func


# ---- values --------------------------------------------------------------------------------


def day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def moment(value: datetime.datetime | None) -> str | None:
    """A stored (UTC) time as Stockholm time, to the second."""
    if value is None:
        return None
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def text(value: Any) -> str:
    """A choice's label, a lazy text or an object's name, as plain text."""
    return "" if value is None else str(value)


# ---- the people room's own parts -----------------------------------------------------------


@extract_part(
    "person",
    _("Personuppgifter och kontaktuppgifter"),
    order=10,
    labels={
        "id": _("Id i registret"),
        "name": _("Namn"),
        "title": _("Titel"),
        "municipality": _("Kommun"),
        "organisation": _("Organisation"),
        "unit": _("Förvaltning/enhet"),
        "email": _("E-post"),
        "pending_email": _("Ny e-post, ej bekräftad"),
        "phone": _("Telefon"),
        "is_secretariat": _("Sekretariatet"),
        "contact_confirmed_on": _("Kontaktuppgifter bekräftade"),
        "anonymised_on": _("Avslutad/anonymiserad"),
    },
)
def identity(person: Person) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": person.name,
        "title": person.title,
        "municipality": text(person.municipality),
        "organisation": text(person.organisation),
        "unit": person.unit,
        "email": person.email,
        "pending_email": person.pending_email,
        "phone": person.phone,
        "is_secretariat": person.is_secretariat,
        "contact_confirmed_on": day(person.contact_confirmed_on),
        "anonymised_on": day(person.anonymised_on),
    }


@extract_part(
    "history",
    _("Historik där personen har agerat eller är det som ändrades"),
    order=900,
    labels={
        "time": _("Tid"),
        "said": _("Vad hände"),
        "action": _("Händelse"),
        "verb": _("Åtgärd"),
        "object_type": _("Vad"),
        "object": _("Post"),
        "acted_by": _("Av"),
        "person_acted": _("Personen agerade"),
        "changes": _("Ändringar"),
    },
    note=_(
        "Ändringar av personens egna uppgifter, konto, roller och närvaro, med gamla och nya "
        "värden; och ändringar som personen har gjort med sitt konto i andra poster, med vad och "
        "när men utan värdena, som handlar om andra."
    ),
)
def history(person: Person) -> list[dict[str, Any]]:
    entries, about = history_entries(person)
    # Issue 16, point 12: each entry also in words ("Anna Berg ändrade syftet i årsplanen 2026").
    said = in_words(entries)
    return [
        {"time": row.pop("time"), "said": words.sentence, **row}
        for row, words in (
            (_entry(e, person, about), w) for e, w in zip(entries, said, strict=True)
        )
    ]


def history_entries(person: Person) -> tuple[list[HistoryEntry], set[tuple[int, str]]]:
    """The entries where the person's account acted or the person, their account or a row
    about them (HISTORY_SUBJECTS) was the object, oldest first; and those objects, as
    (content type id, primary key)."""
    objects: set[tuple[int, str]] = {(_type_id(Person), str(person.pk))}
    if person.user_id:
        objects.add((_type_id(get_user_model()), str(person.user_id)))
    for subjects in HISTORY_SUBJECTS:
        for model, pks in subjects(person):
            objects.update((_type_id(model), str(pk)) for pk in pks)
    by_type: dict[int, list[str]] = {}
    for type_id, pk in objects:
        by_type.setdefault(type_id, []).append(pk)
    where = Q(actor_id=person.user_id) if person.user_id else Q(pk__in=[])
    for type_id, pks in by_type.items():
        where |= Q(content_type_id=type_id, object_pk__in=sorted(pks))
    entries = list(
        HistoryEntry.objects.filter(where)
        .select_related("content_type")
        .order_by("timestamp", "pk")
    )
    return entries, objects


ACTIONS = {
    HistoryEntry.Action.CREATE: _("skapad"),
    HistoryEntry.Action.UPDATE: _("ändrad"),
    HistoryEntry.Action.DELETE: _("borttagen"),
    HistoryEntry.Action.ACCESS: _("utlämnad"),
}


def _changes(entry: HistoryEntry, model: type[Model] | None) -> dict[str, Any]:
    """Old and new values by field, named as the forms name them; the row's own id is left
    out, as on the network page."""
    if not entry.changes:
        return {}
    return {
        _field_name(model, name): change
        for name, change in entry.changes_dict.items()
        if name != "id"
    }


def _field_name(model: type[Model] | None, name: str) -> str:
    try:
        found = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return name
    return str(getattr(found, "verbose_name", None) or name)


def _type_id(model: type[Model]) -> int:
    return ContentType.objects.get_for_model(model).pk


def _entry(entry: HistoryEntry, person: Person, about: set[tuple[int, str]]) -> dict[str, Any]:
    model = entry.content_type.model_class() if entry.content_type_id else None
    is_about = (entry.content_type_id, entry.object_pk) in about
    return {
        "time": moment(entry.timestamp),
        "action": text(ACTIONS.get(entry.action, entry.get_action_display())),
        "verb": entry.verb,
        "object_type": text(model._meta.verbose_name) if model else "",
        "object": entry.object_repr,
        "acted_by": entry.who,
        "person_acted": bool(person.user_id and entry.actor_id == person.user_id),
        # Art. 15(4): a change the person made to someone else's record shows what and when,
        # not the values, which are about the other person.
        "changes": _changes(entry, model) if is_about else None,
    }
