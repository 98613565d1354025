"""Reading SCB population figures in the CSV form of data/municipalities.csv.

The file is checked whole before anything is written: every bad line is named with its line
number and a Swedish message, so that the secretariat can fix them all in one go (issue 7,
"a malformed population CSV is rejected whole, naming the bad lines")."""

import csv
import datetime
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError

COLUMNS = ("code", "name", "population", "population_date", "population_source")
DEFAULT_SOURCE = "SCB"
SHIPPED_CSV = Path(__file__).resolve().parent / "data" / "municipalities.csv"

CODE_RE = re.compile(r"^\d{4}$")
# SCB tables print thousands with a space (often a no-break space): "150 975".
THOUSANDS_RE = re.compile(r"[\s\u00a0\u202f]")


@dataclass(frozen=True)
class PopulationRow:
    line: int
    code: str
    name: str
    population: int
    date: datetime.date
    source: str


@dataclass(frozen=True)
class LineError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Rad %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class PopulationFileError(ServiceError):
    """The whole file is refused; `errors` names every bad line."""

    code = "invalid_file"

    def __init__(self, errors: list[LineError]) -> None:
        self.errors = sorted(errors, key=lambda e: e.line)
        head = _("Filen med folkmängder avvisades med %(n)d fel; ingenting har sparats.") % {
            "n": len(self.errors)
        }
        super().__init__("\n".join([head, *(str(e) for e in self.errors)]), field="file")


Source = str | Path | IO[str] | IO[bytes] | Iterable[Mapping[str, Any]]


def read_text(source: str | Path | IO[str] | IO[bytes]) -> str:
    if isinstance(source, str | Path):
        data: str | bytes = Path(source).read_bytes()
    else:
        data = source.read()
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise PopulationFileError(
                [LineError(1, _("filen går inte att läsa som UTF-8 (spara den som UTF-8)."))]
            ) from exc
    return data.removeprefix("\ufeff")


def csv_rows(text: str) -> tuple[list[LineError], list[tuple[int, dict[str, Any]]]]:
    """Split the text into (line number, row) pairs; header problems stop here."""
    if not text.strip():
        return [LineError(1, _("filen är tom."))], []
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [
            LineError(
                1,
                _("kolumn(er) saknas i rubrikraden: %(cols)s (väntade %(all)s).")
                % {"cols": ", ".join(missing), "all": ",".join(COLUMNS)},
            )
        ], []
    errors: list[LineError] = []
    rows: list[tuple[int, dict[str, Any]]] = []
    start = reader.line_num + 1
    for values in reader:
        line, start = start, reader.line_num + 1
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            errors.append(
                LineError(
                    line,
                    _("raden har %(got)d fält, rubrikraden %(want)d.")
                    % {"got": len(values), "want": len(header)},
                )
            )
            continue
        rows.append((line, dict(zip(header, values, strict=True))))
    return errors, rows


def check_row(line: int, raw: Mapping[str, Any]) -> tuple[list[LineError], PopulationRow | None]:
    problems: list[str] = []
    code = str(raw.get("code") or "").strip()
    name = str(raw.get("name") or "").strip()
    if not CODE_RE.match(code):
        problems.append(_("kommunkoden ”%(v)s” är inte fyra siffror.") % {"v": code})
    if not name:
        problems.append(_("kommunens namn saknas."))
    population: int | None = None
    text = THOUSANDS_RE.sub("", str(raw.get("population") or ""))
    if not re.fullmatch(r"-?\d+", text):
        problems.append(
            _("folkmängden ”%(v)s” är inte ett heltal.") % {"v": raw.get("population") or ""}
        )
    elif int(text) < 0:
        problems.append(_("folkmängden %(v)s är negativ.") % {"v": text})
    else:
        population = int(text)
    date: datetime.date | None = None
    date_text = str(raw.get("population_date") or "").strip()
    try:
        date = datetime.date.fromisoformat(date_text)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_text):
            raise ValueError(date_text)
    except ValueError:
        date = None
        problems.append(
            _("datumet ”%(v)s” är inte ett datum på formen ÅÅÅÅ-MM-DD.") % {"v": date_text}
        )
    if problems:
        return [LineError(line, p) for p in problems], None
    assert population is not None and date is not None
    source = str(raw.get("population_source") or "").strip() or DEFAULT_SOURCE
    return [], PopulationRow(line, code, name, population, date, source[:300])


def parse_population(source: Source) -> list[PopulationRow]:
    """Every row of the file, checked; raises PopulationFileError naming every bad line."""
    if isinstance(source, str | Path) or hasattr(source, "read"):
        errors, raw_rows = csv_rows(read_text(source))  # type: ignore[arg-type]
    else:
        errors = []
        # Already parsed rows (e.g. from a form): line 1 is the header they came with.
        raw_rows = [(i + 2, dict(r)) for i, r in enumerate(source)]  # type: ignore[union-attr]
    rows: list[PopulationRow] = []
    for line, raw in raw_rows:
        row_errors, row = check_row(line, raw)
        errors += row_errors
        if row is not None:
            rows.append(row)
    seen: dict[tuple[str, datetime.date], int] = {}
    names: dict[str, tuple[str, int]] = {}
    for row in rows:
        first = seen.setdefault((row.code, row.date), row.line)
        if first != row.line:
            errors.append(
                LineError(
                    row.line,
                    _("kommunkod %(code)s med datum %(date)s finns redan på rad %(first)d.")
                    % {"code": row.code, "date": row.date.isoformat(), "first": first},
                )
            )
        name, name_line = names.setdefault(row.code, (row.name, row.line))
        if name != row.name:
            errors.append(
                LineError(
                    row.line,
                    _("kommunkod %(code)s heter ”%(name)s” på rad %(first)d.")
                    % {"code": row.code, "name": name, "first": name_line},
                )
            )
    if not errors and not rows:
        errors.append(LineError(1, _("filen innehåller inga rader med folkmängd.")))
    if errors:
        raise PopulationFileError(errors)
    return rows
