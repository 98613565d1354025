"""The history in words people use (issue 16, point 12).

An entry becomes a sentence: "Anna Berg ändrade syftet i årsplanen 2026", with the old and the
new text beside it; no field names, ids or English verbs. The words come from a vocabulary
per model (`describe`, filled in history/vocabulary.py): the definite name of the thing
("årsplanen %(name)s"), of each field ("syftet") and of the verbs that say more than "ändrade"
("antog %(object)s"). A model without words still reads as a sentence, with its and its
fields' verbose names. Everything is translated when it is rendered, in the viewer's language.

`in_words(entries, network_name=…)` costs one query per kind of row that the entries' changed
links point at (a person, a municipality), however many entries there are."""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dateutil import parser
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext

from samverkan.history.models import HistoryEntry

Text = str | Promise
Namer = Callable[[str, str], str]

# A value longer than this is shown as a text before and after, not on one line.
LONG = 80


def without_network(object_repr: str, network_name: str) -> str:
    """The row's own name without the network it belongs to, which the page already names:
    "Socialchefsnätverket 2026" → "2026", "Bjuv i Socialchefsnätverket" → "Bjuv"."""
    text = object_repr
    if network_name:
        for before, after in ((f"{network_name} ", ""), (f"{network_name}: ", "")):
            if text.startswith(before):
                text = after + text[len(before) :]
        for tail in (f" i {network_name}", f", {network_name}", f" ({network_name})"):
            if text.endswith(tail):
                text = text[: -len(tail)]
        text = text.replace(f"({network_name} ", "(")
    return text.strip()


@dataclass(frozen=True)
class Vocabulary:
    thing: Text
    name: Namer = without_network
    fields: Mapping[str, Text] = field(default_factory=dict)
    verbs: Mapping[str, Text] = field(default_factory=dict)
    quiet: frozenset[str] = frozenset()
    values: Mapping[str, Callable[[str], str]] = field(default_factory=dict)


VOCABULARY: dict[str, Vocabulary] = {}


def describe(
    label: str,
    *,
    thing: Text,
    name: Namer = without_network,
    fields: Mapping[str, Text] | None = None,
    verbs: Mapping[str, Text] | None = None,
    quiet: Iterable[str] = (),
    values: Mapping[str, Callable[[str], str]] | None = None,
) -> None:
    """The words for one model ("app_label.ModelName"): `thing` its definite name with
    %(name)s, `fields` each field's definite name, `verbs` a service's verb as what the actor
    did, with %(object)s; `quiet` fields that are bookkeeping; `values` how a field's stored
    value reads."""
    VOCABULARY[label] = Vocabulary(
        thing=thing,
        name=name,
        fields=dict(fields or {}),
        verbs=dict(verbs or {}),
        quiet=frozenset(quiet),
        values=dict(values or {}),
    )


@dataclass
class Change:
    label: str
    old: str = ""
    new: str = ""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def is_long(self) -> bool:
        return len(self.old) > LONG or len(self.new) > LONG or "\n" in self.old + self.new


@dataclass
class Said:
    entry: HistoryEntry
    sentence: str
    changes: list[Change]

    @property
    def timestamp(self) -> datetime.datetime:
        return self.entry.timestamp

    @property
    def by_link(self) -> str:
        """ "via e-postlänk för <person>" for a change made through an e-mailed link."""
        return self.entry.who if self.entry.via_link_for else ""


# ---- the parts of a sentence ------------------------------------------------------------------


def _model(entry: HistoryEntry) -> type[models.Model] | None:
    return entry.content_type.model_class() if entry.content_type_id else None


def _vocabulary(model: type[models.Model] | None) -> Vocabulary | None:
    return VOCABULARY.get(model._meta.label) if model else None


def actor_name(entry: HistoryEntry) -> str:
    """The one who acted, by name: the account's person, or the person an e-mailed link was
    sent to; the system when no one did."""
    actor = entry.actor
    if actor is not None:
        person = getattr(actor, "person", None)
        return str(getattr(person, "name", "") or entry.actor_email or actor)
    if entry.actor_email:
        return entry.actor_email
    if entry.via_link_for:
        return entry.via_link_for.split(" <", 1)[0]
    return gettext("Systemet")


def _object(
    entry: HistoryEntry, model: type[models.Model] | None, network_name: str
) -> dict[str, str]:
    """The thing an entry is about, as "object" ("årsplanen 2026") and "name" ("2026")."""
    vocabulary = _vocabulary(model)
    if vocabulary is not None:
        name = vocabulary.name(entry.object_repr, network_name)
        return {"object": (str(vocabulary.thing) % {"name": name}).strip(), "name": name}
    kind = str(model._meta.verbose_name) if model else gettext("posten")
    name = without_network(entry.object_repr, network_name)
    return {"object": gettext("%(kind)s %(name)s") % {"kind": kind, "name": name}, "name": name}


def _field(model: type[models.Model], name: str) -> models.Field | None:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not getattr(found, "concrete", False) and not found.many_to_many:
        return None  # a reverse relation, which auditlog lists on a new row
    return found  # type: ignore[return-value]


def _field_label(model: type[models.Model], name: str) -> str:
    vocabulary = _vocabulary(model)
    if vocabulary is not None and name in vocabulary.fields:
        return str(vocabulary.fields[name])
    found = _field(model, name)
    return str(getattr(found, "verbose_name", "") or name)


def _shown(model: type[models.Model], name: str, action: int) -> bool:
    """Whether a changed field is worth a line: not the row's id, not its network (the page
    is the network's), not bookkeeping; on a new row only its texts."""
    vocabulary = _vocabulary(model)
    found = _field(model, name)
    if found is None or found.primary_key or name == "network":
        return False
    if vocabulary is not None and name in vocabulary.quiet:
        return False
    if getattr(found, "auto_now", False) or getattr(found, "auto_now_add", False):
        return False
    if action == HistoryEntry.Action.CREATE:
        return isinstance(found, models.TextField)
    return True


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return gettext("%(first)s och %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


# ---- values -----------------------------------------------------------------------------------

EMPTY = ("", "None", None)
Links = dict[tuple[type[models.Model], str], str]


def _value(model: type[models.Model], name: str, raw: Any, links: Links) -> str:
    if raw in EMPTY:
        return ""
    raw = str(raw)
    vocabulary = _vocabulary(model)
    if vocabulary is not None and name in vocabulary.values:
        return vocabulary.values[name](raw)
    found = _field(model, name)
    if found is None:
        return raw
    if found.choices:
        return str(dict(found.flatchoices).get(raw, raw))
    if isinstance(found, models.BooleanField):
        return gettext("Ja") if raw == "True" else gettext("Nej")
    if isinstance(found, models.ForeignKey):
        return links.get((found.related_model, raw), "–")  # type: ignore[arg-type]
    if isinstance(found, models.DateTimeField):
        return _moment(raw)
    if isinstance(found, models.DateField):
        return _day(raw)
    return raw


def _day(raw: str) -> str:
    try:
        return formats.date_format(datetime.date.fromisoformat(raw[:10]), "DATE_FORMAT")
    except ValueError:
        return raw


def _moment(raw: str) -> str:
    try:
        moment = parser.parse(raw)
    except (ValueError, OverflowError):
        return raw
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _links(entries: list[HistoryEntry]) -> Links:
    """The names of the rows that the shown changes link to, one query per kind of row."""
    wanted: dict[type[models.Model], set[str]] = {}
    for entry in entries:
        model = _model(entry)
        if model is None or not entry.changes:
            continue
        for name, change in entry.changes_dict.items():
            found = _field(model, name)
            if not isinstance(found, models.ForeignKey) or not isinstance(change, list):
                continue
            if not _shown(model, name, entry.action):
                continue
            target = found.related_model
            wanted.setdefault(target, set()).update(  # type: ignore[arg-type]
                str(v) for v in change if v not in EMPTY
            )
    out: Links = {}
    for target, pks in wanted.items():
        rows = target._default_manager.all()
        is_user = target._meta.label == settings.AUTH_USER_MODEL
        if is_user:
            rows = rows.select_related("person")
        for pk, row in rows.in_bulk([pk for pk in pks if pk.isdigit()]).items():
            person = getattr(row, "person", None) if is_user else None
            out[(target, str(pk))] = str(getattr(person, "name", "") or row)
    return out


def _changes(entry: HistoryEntry, model: type[models.Model], links: Links) -> list[Change]:
    out = []
    for name, change in (entry.changes_dict or {}).items():
        if not _shown(model, name, entry.action):
            continue
        label = capfirst(_field_label(model, name))
        if isinstance(change, dict):  # a many-to-many change: the rows added or removed
            names = [str(o) for o in change.get("objects", [])]
            if change.get("operation") == "add":
                out.append(Change(label, added=names))
            else:
                out.append(Change(label, removed=names))
            continue
        old, new = (_value(model, name, v, links) for v in change)
        if old != new:
            out.append(Change(label, old=old, new=new))
    return out


def _predicate(
    entry: HistoryEntry,
    model: type[models.Model] | None,
    changes: list[Change],
    thing: dict[str, str],
) -> str:
    vocabulary = _vocabulary(model)
    if vocabulary is not None and entry.verb in vocabulary.verbs:
        return str(vocabulary.verbs[entry.verb]) % thing
    if entry.action == HistoryEntry.Action.CREATE:
        return gettext("lade till %(object)s") % thing
    if entry.action == HistoryEntry.Action.DELETE:
        return gettext("tog bort %(object)s") % thing
    if entry.action == HistoryEntry.Action.ACCESS:
        return gettext("tog fram uppgifterna om %(object)s") % thing
    if not changes or model is None:
        return gettext("ändrade %(object)s") % thing
    names = [_field_label(model, n) for n in entry.changes_dict if _shown(model, n, entry.action)]
    return gettext("ändrade %(fields)s i %(object)s") % {"fields": _join(names), **thing}


def _load_actors(entries: list[HistoryEntry]) -> None:
    """The accounts that acted, with their people, in one query for those not loaded yet."""
    actor = HistoryEntry._meta.get_field("actor")
    missing = {e.actor_id for e in entries if e.actor_id and not actor.is_cached(e)}
    if not missing:
        return
    users = get_user_model()._default_manager.select_related("person").in_bulk(missing)
    for entry in entries:
        if entry.actor_id in users:
            entry.actor = users[entry.actor_id]


def in_words(entries: Iterable[HistoryEntry], *, network_name: str = "") -> list[Said]:
    """Each entry as a sentence with its changes, in the active language."""
    entries = list(entries)
    _load_actors(entries)
    links = _links(entries)
    out = []
    for entry in entries:
        model = _model(entry)
        changes = _changes(entry, model, links) if model is not None else []
        thing = _object(entry, model, network_name)
        sentence = gettext("%(who)s %(did)s") % {
            "who": actor_name(entry),
            "did": _predicate(entry, model, changes, thing),
        }
        out.append(Said(entry=entry, sentence=capfirst(sentence), changes=changes))
    return out
