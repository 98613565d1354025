"""What an import found and did: every bad row, and what would change per sheet."""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass(frozen=True)
class Problem:
    """A bad row (or a bad file or heading row: then `row` is None or 1)."""

    sheet: str
    row: int | None
    column: str
    reason: str

    def line(self) -> str:
        where = self.sheet
        if self.row is not None:
            where += ", " + _("rad %(row)d") % {"row": self.row}
        if self.column:
            where += ", " + _("kolumn %(column)s") % {"column": self.column}
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class FieldChange:
    heading: str
    before: str
    after: str


@dataclass
class Change:
    row: int
    what: str
    fields: list[FieldChange]


@dataclass
class SheetSummary:
    key: str
    title: str
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    new_items: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return self.new + self.changed + self.unchanged

    def line(self) -> str:
        return _("%(sheet)s: %(new)d nya, %(changed)d ändrade, %(unchanged)d oförändrade") % {
            "sheet": self.title,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
        }


@dataclass
class SourceInfo:
    name: str
    kind: str  # "XLSX" or "CSV"
    encoding: str = ""
    delimiter: str = ""
    sheets: list[str] = field(default_factory=list)

    def line(self) -> str:
        sheets = ", ".join(self.sheets) or "–"
        if self.kind == "CSV":
            return _(
                "%(name)s: CSV, teckenkodning %(encoding)s, avgränsat med %(delimiter)s; "
                "blad: %(sheets)s"
            ) % {
                "name": self.name,
                "encoding": self.encoding,
                "delimiter": self.delimiter,
                "sheets": sheets,
            }
        return _("%(name)s: Excel-arbetsbok (XLSX); blad: %(sheets)s") % {
            "name": self.name,
            "sheets": sheets,
        }


@dataclass
class Report:
    sources: list[SourceInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets: list[SheetSummary] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = True
    applied: bool = False
    # A confirm whose file or register gives another report than the dry run the user saw.
    stale: bool = False
    send_invitations: bool = False
    invitations: int = 0  # activation notices made by the import (e-mailed or inbox only)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def has_changes(self) -> bool:
        return any(s.new or s.changed for s in self.sheets)

    @property
    def bad_rows(self) -> int:
        return len({(p.sheet, p.row) for p in self.problems})

    def fingerprint(self) -> str:
        """Of what the report says would change (or is wrong): a confirm re-reads the file and
        applies it only when this is still the same as in the dry run the user saw."""
        body = {
            "problems": [asdict(p) for p in self.problems],
            "sheets": [asdict(s) for s in self.sheets],
        }
        text = json.dumps(body, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def verdict(self) -> str:
        if self.stale:
            return _(
                "Registret har ändrats sedan provkörningen, så rapporten är en annan nu. "
                "Ingenting har sparats: granska den nya rapporten och bekräfta igen."
            )
        if self.problems:
            return ngettext(
                "Filen avvisades: %(count)d problem. Ingenting har sparats.",
                "Filen avvisades: %(count)d problem. Ingenting har sparats.",
                len(self.problems),
            ) % {"count": len(self.problems)}
        if not self.has_changes:
            return _("Ingenting att ändra: registret stämmer redan med filen.")
        if self.applied:
            return _("Importen är klar: ändringarna är sparade.")
        return _("Provkörning: filen kan importeras. Ingenting har sparats ännu.")

    def lines(self) -> list[str]:
        """The report as text, for the command line."""
        out = [s.line() for s in self.sources]
        out += [p.line() for p in self.problems]
        out += self.notes
        if not self.problems:
            for sheet in self.sheets:
                out.append(sheet.line())
                for change in sheet.changes:
                    fields = "; ".join(
                        f"{f.heading}: {f.before or '–'} → {f.after or '–'}" for f in change.fields
                    )
                    row = _("rad %(row)d") % {"row": change.row}
                    out.append(f"  {row}, {change.what}: {fields}")
        out.append(self.verdict())
        return out
