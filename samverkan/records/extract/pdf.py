"""The register extract as a PDF for people to read (issue 15 §1): in the cooperation's
graphic profile (N5), with a title and a language, from the same data as the JSON file, so
that the two never say different things. Each part is shown as a list of fields (a record)
or a table (rows); nested values are shown inline or as a small table of their own."""

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Cooperation
from samverkan.files.pdf import data_uri, render_pdf
from samverkan.people.extract import PARTS

EMPTY = "–"
ELSEWHERE = gettext_lazy("Ändringar som personen har gjort i andra poster")
ELSEWHERE_NOTE = gettext_lazy(
    "Per dag, åtgärd och slag av post. Varje enskild ändring, med tid och post, finns i JSON-filen."
)
_MOMENT = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?([+-]\d{2}:\d{2}|Z)?$")


@dataclass
class Table:
    header: list[str]
    rows: list[list[Any]]

    @property
    def widths(self) -> list[float]:
        """Each column's share of the width (%), by the length of what it holds: the table is
        laid out with fixed widths, which WeasyPrint does in a fraction of the time of an
        automatic layout of long texts."""
        weights = []
        for i, head in enumerate(self.header):
            cells = [len(str(row[i])) for row in self.rows] or [0]
            typical = max(len(head), sum(cells) / len(cells), max(cells) / 3)
            weights.append(min(max(typical, 5.0), 60.0))
        total = sum(weights) or 1.0
        return [round(100 * w / total, 1) for w in weights]


@dataclass
class ShownPart:
    key: str
    title: str
    note: str
    # (label, value) for a record; a value is text or a Table.
    fields: list[tuple[str, Any]] = field(default_factory=list)
    table: Table | None = None
    # Further tables under headings of their own (the history's summary).
    more: list[tuple[str, str, Table]] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        rows = self.table is not None and bool(self.table.rows)
        return not self.fields and not rows and not self.more


def shown(value: Any, labels: dict[str, Any]) -> Any:
    """A value for a person to read: text, or a Table for a list of records."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, str):
        if match := _MOMENT.match(value):
            return f"{match.group(1)} {match.group(2)}"
        return value
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return table(value, labels)
    if isinstance(value, list):
        return ", ".join(str(shown(v, labels)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{labels.get(k, k)}: {_inline(v, labels)}" for k, v in value.items())
    return str(value)


def _inline(value: Any, labels: dict[str, Any]) -> str:
    """A history change [old, new] as "old → new"; anything else as shown() says."""
    if isinstance(value, list) and len(value) == 2 and not any(isinstance(v, dict) for v in value):
        return f"{shown(value[0], labels)} → {shown(value[1], labels)}"
    result = shown(value, labels)
    return result if isinstance(result, str) else str(value)


def table(rows: list[dict[str, Any]], labels: dict[str, Any]) -> Table:
    keys: list[str] = []
    for row in rows:
        keys += [k for k in row if k not in keys]
    return Table(
        header=[str(labels.get(k, k)) for k in keys],
        rows=[[shown(row.get(k), labels) for k in keys] for row in rows],
    )


def shown_parts(document: dict[str, Any]) -> list[ShownPart]:
    out = []
    for key, part in document["parts"].items():
        registered = PARTS.get(key)
        labels = {k: str(v) for k, v in (registered.labels if registered else {}).items()}
        item = ShownPart(key, part["title"], part["note"])
        data = part["data"]
        if isinstance(data, dict):
            item.fields = [(str(labels.get(k, k)), shown(v, labels)) for k, v in data.items()]
        elif key == "history":
            about, summary = _history_for_reading(data)
            item.table = table(about, labels)
            if summary:
                counted = {**labels, "day": _("Dag"), "count": _("Antal")}
                item.more.append((str(ELSEWHERE), str(ELSEWHERE_NOTE), table(summary, counted)))
        else:
            item.table = table(data, labels)
        out.append(item)
    return out


def _history_for_reading(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict]]:
    """The history's rows about the person, each shown; and the changes the person made to
    other records (no values: `changes` is None), counted per day, verb and kind of record. A
    secretariat's person may have made thousands, which would make a PDF of hundreds of pages
    and minutes of typesetting; the JSON file lists every one."""
    about = [
        {k: v for k, v in row.items() if k != "person_acted"}
        for row in rows
        if row["changes"] is not None
    ]
    counts: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if row["changes"] is None:
            key = ((row["time"] or "")[:10], row["verb"], row["object_type"])
            counts[key] = counts.get(key, 0) + 1
    summary = [
        {"day": day, "verb": verb, "object_type": kind, "count": count}
        for (day, verb, kind), count in counts.items()
    ]
    return about, summary


def extract_pdf(
    document: dict[str, Any], today: datetime.date, request: HttpRequest | None = None
) -> bytes:
    cooperation = Cooperation.current()
    context = {
        "document": document,
        "parts": shown_parts(document),
        "cooperation": cooperation,
        "logo": data_uri(cooperation.logo),
        "today": today,
        "lang": (get_language() or "sv").split("-")[0],
    }
    return render_pdf("records/extract/extract_pdf.html", context, request)
