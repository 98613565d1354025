"""Reading population figures, in the forms a secretariat has them.

1. The CSV form of data/municipalities.csv (columns code, name, population, population_date,
   population_source): the register's own file, which may also add municipalities.
2. What SCB's Statistikdatabasen gives for table BE0101N1 (folkmängd per kommun, counted on
   31 December each year), read by samverkan.cooperation.scb:
   - the CSV PxWeb exports: comma, semicolon or tab; UTF-8, UTF-8 with BOM or Windows-1252;
     title rows above and footnotes below; a column per year ("2024" or "Folkmängd 2024") or a
     row per year; regions as "1283 Helsingborg";
   - JSON-stat (2.0, and the 1.0 bundle the older API gives);
   - the older PxWeb API's JSON ({"columns": [...], "data": [{"key": [...], "values": [...]}]}).

The file is checked whole before anything is written: every bad line is named with its line
(or, in JSON, the municipality and year) and a Swedish message, so that the secretariat can fix
them all in one go (issue 7: "a malformed population CSV is rejected whole, naming the bad
lines"; issue 14: SCB's own files). Nothing here touches the database: the service checks the
codes and names against the register."""

import codecs
import csv
import datetime
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.files.text import decode_text

COLUMNS = ("code", "name", "population", "population_date", "population_source")
DEFAULT_SOURCE = "SCB"
SHIPPED_CSV = Path(__file__).resolve().parent / "data" / "municipalities.csv"
# SCB's table of the population per municipality on 31 December (folkmängd).
SCB_TABLE = "BE0101N1"
SCB_SOURCE = "SCB, Statistikdatabasen"
# All 290 municipalities for every year since 1968 is well under a megabyte.
MAX_BYTES = 10 * 1024 * 1024

CODE_RE = re.compile(r"^\d{4}$")
# No municipality has more people (Stockholm has about a million); a figure past it is a typo,
# and past 2³¹ the database could not store it (issue 18).
MAX_POPULATION = 100_000_000
# What the register can store: Municipality.name and PopulationFigure.source, .table, .period.
MAX_NAME = 100
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
    table: str = ""
    period: str = ""
    # How a message names the row when it has no line of its own (JSON): "1283 Helsingborg, 2024".
    where: str = ""

    @property
    def place(self) -> str:
        return self.where or _("rad %(line)d") % {"line": self.line}


@dataclass(frozen=True)
class LineError:
    line: int
    message: str
    where: str = ""

    def __str__(self) -> str:
        if self.where:
            return _("%(where)s: %(message)s") % {"where": self.where, "message": self.message}
        return _("Rad %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class PopulationFileError(ServiceError):
    """The whole file is refused; `errors` names every bad line, `hints` say what to do."""

    code = "invalid_file"

    def __init__(
        self, errors: list[LineError], *, form: str = "", hints: list[str] | None = None
    ) -> None:
        self.errors = sorted(errors, key=lambda e: e.line)
        self.form = form
        self.hints = hints or []
        head = _("Filen med folkmängder avvisades med %(n)d fel; ingenting har sparats.") % {
            "n": len(self.errors)
        }
        super().__init__("\n".join([head, *(str(e) for e in self.errors)]), field="file")


@dataclass
class PopulationFile:
    """A file read and checked on its own: its rows, its errors, and what was left aside."""

    form: str
    rows: list[PopulationRow] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    # An SCB file is statistics, not the register: its codes must be known municipalities.
    from_scb: bool = False
    # The file gives codes only (the PxWeb API's JSON): there are no names to compare.
    names_given: bool = True


Source = str | Path | IO[str] | IO[bytes] | Iterable[Mapping[str, Any]]


def file_error(message: str) -> PopulationFileError:
    return PopulationFileError([LineError(1, message)])


def read_data(source: str | Path | IO[str] | IO[bytes]) -> str | bytes:
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise file_error(too_large())
            return path.read_bytes()
        except OSError as exc:
            raise file_error(_("filen går inte att öppna.")) from exc
    data = source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise file_error(too_large())
    return data


def too_large() -> str:
    return _("filen är större än %(mb)d MB; en fil med folkmängder från SCB är mycket mindre.") % {
        "mb": MAX_BYTES // (1024 * 1024)
    }


def decode(data: str | bytes) -> tuple[str, str]:
    """The text and the name of its encoding. UTF-8 (with or without BOM) first, then
    Windows-1252, which is what Excel and SCB's older exports save in Sweden."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), "UTF-8"
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise file_error(
            _(
                "filen är en Excel-fil, inte CSV eller JSON. Spara den som CSV, eller ladda ner "
                "CSV eller JSON-stat från SCB:s Statistikdatabasen."
            )
        )
    if data.startswith(b"%PDF"):
        raise file_error(_("filen är en PDF, inte CSV eller JSON."))
    bom = data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not bom and b"\x00" in data:
        if data.count(b"\x00") * 100 < len(data):  # text with a stray NUL, not a binary file
            raise PopulationFileError(nul_lines(data.decode("utf-8", errors="replace")))
        raise file_error(_("filen är inte en textfil (CSV eller JSON)."))
    found = decode_text(data, utf16=True)
    if found is None:
        if bom:
            raise file_error(_("filen går inte att läsa: teckenkodningen är trasig."))
        raise file_error(
            _("filen går inte att läsa som UTF-8 eller Windows-1252 (spara den som UTF-8).")
        )
    return found


def read_text(source: str | Path | IO[str] | IO[bytes]) -> str:
    return decode(read_data(source))[0]


def csv_rows(text: str) -> tuple[list[LineError], list[tuple[int, dict[str, Any]]]]:
    """Split the text into (line number, row) pairs; header problems stop here."""
    if not text.strip():
        return [LineError(1, _("filen är tom."))], []
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
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
    except csv.Error as exc:
        return [csv_error(reader.line_num or 1, exc)], []
    return errors, rows


def csv_error(line: int, exc: csv.Error) -> LineError:
    """csv's own message is English; the one a hostile file meets is a field past its limit."""
    if "field larger than field limit" in str(exc):
        return LineError(
            line,
            _("ett fält på rad %(line)d är längre än %(kib)d KiB; det är inte en folkmängd.")
            % {"line": line, "kib": csv.field_size_limit() // 1024},
        )
    return LineError(line, _("filen går inte att läsa som CSV (%(e)s).") % {"e": exc})


def is_register_csv(text: str) -> bool:
    """The form of data/municipalities.csv: its first line names one of our columns."""
    for line in text.splitlines():
        if line.strip():
            cells = {c.strip().strip('"').lower() for c in re.split(r"[;,\t]", line)}
            return bool(cells & set(COLUMNS))
    return False


def parse_count(raw: Any) -> tuple[int | None, str]:
    """A population as SCB prints it ("150 975", 150975, "150975"), or None and why not."""
    if isinstance(raw, bool):
        return None, _("folkmängden ”%(v)s” är inte ett heltal.") % {"v": raw}
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        if not raw.is_integer():
            return None, _("folkmängden ”%(v)s” är inte ett heltal.") % {"v": raw}
        value = int(raw)
    elif raw is None:
        return None, _("folkmängden saknas.")
    else:
        text = THOUSANDS_RE.sub("", str(raw))
        if text in ("..", "…", ".", "-", ""):
            return None, _("folkmängden saknas (”%(v)s”).") % {"v": text}
        if not re.fullmatch(r"-?\d+", text):
            return None, _("folkmängden ”%(v)s” är inte ett heltal.") % {"v": raw}
        value = int(text)
    if value < 0:
        return None, _("folkmängden %(v)s är negativ.") % {"v": value}
    if value > MAX_POPULATION:
        return None, _("folkmängden %(v)s är orimligt stor.") % {"v": value}
    return value, ""


def check_row(line: int, raw: Mapping[str, Any]) -> tuple[list[LineError], PopulationRow | None]:
    problems: list[str] = []
    code = str(raw.get("code") or "").strip()
    name = str(raw.get("name") or "").strip()
    if not CODE_RE.match(code):
        problems.append(_("kommunkoden ”%(v)s” är inte fyra siffror.") % {"v": code})
    if not name:
        problems.append(_("kommunens namn saknas."))
    elif len(name) > MAX_NAME:
        problems.append(
            _("kommunens namn får vara högst %(max)d tecken (här %(n)d).")
            % {"max": MAX_NAME, "n": len(name)}
        )
    population: int | None = None
    text = THOUSANDS_RE.sub("", str(raw.get("population") or ""))
    if not re.fullmatch(r"-?\d+", text):
        problems.append(
            _("folkmängden ”%(v)s” är inte ett heltal.") % {"v": raw.get("population") or ""}
        )
    elif int(text) < 0:
        problems.append(_("folkmängden %(v)s är negativ.") % {"v": text})
    elif len(text) > 12 or int(text) > MAX_POPULATION:
        problems.append(_("folkmängden %(v).20s är orimligt stor.") % {"v": text})
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
    table = str(raw.get("population_table") or "").strip()[:30]
    return [], PopulationRow(line, code, name, population, date, source[:300], table=table)


def normal_name(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_duplicates(rows: list[PopulationRow]) -> list[LineError]:
    """One figure per municipality and date, and one name per code, in the whole file."""
    errors: list[LineError] = []
    seen: dict[tuple[str, datetime.date], PopulationRow] = {}
    names: dict[str, PopulationRow] = {}
    for row in rows:
        first = seen.setdefault((row.code, row.date), row)
        if first is not row:
            if first.where or row.where:
                message = _(
                    "kommunkod %(code)s med datum %(date)s förekommer två gånger i filen."
                ) % {"code": row.code, "date": row.date.isoformat()}
            else:
                message = _(
                    "kommunkod %(code)s med datum %(date)s finns redan på rad %(first)d."
                ) % {"code": row.code, "date": row.date.isoformat(), "first": first.line}
            errors.append(LineError(row.line, message, row.where))
        named = names.setdefault(row.code, row)
        if not named.name:
            names[row.code] = row
        elif row.name and normal_name(named.name) != normal_name(row.name):
            if named.where or row.where:
                message = _("kommunkod %(code)s heter både ”%(name)s” och ”%(other)s” i filen.") % {
                    "code": row.code,
                    "name": named.name,
                    "other": row.name,
                }
            else:
                message = _("kommunkod %(code)s heter ”%(name)s” på rad %(first)d.") % {
                    "code": row.code,
                    "name": named.name,
                    "first": named.line,
                }
            errors.append(LineError(row.line, message, row.where))
    return errors


def read_register_csv(text: str) -> PopulationFile:
    errors, raw_rows = csv_rows(text)
    return checked_register_rows(raw_rows, errors, form=_("registrets CSV"))


def checked_register_rows(
    raw_rows: list[tuple[int, dict[str, Any]]], errors: list[LineError], *, form: str
) -> PopulationFile:
    parsed = PopulationFile(form=form, errors=list(errors))
    for line, raw in raw_rows:
        row_errors, row = check_row(line, raw)
        parsed.errors += row_errors
        if row is not None:
            parsed.rows.append(row)
    return parsed


def read_population(
    source: Source, *, register_names: Mapping[str, str] | None = None
) -> PopulationFile:
    """Read any of the forms; the result's `errors` lists every bad line (nothing is raised
    for a bad line: the service adds what the register says and refuses the whole).

    `register_names` (name → code, as `normal_name` gives it) finds the code of a region that
    SCB's export gave by name only ("visa text")."""
    if isinstance(source, str | Path) or hasattr(source, "read"):
        data = read_data(source)  # type: ignore[arg-type]
        text, encoding = decode(data)
        if not text.strip():
            raise file_error(_("filen är tom."))
        if "\x00" in text:
            raise PopulationFileError(nul_lines(text))
        if text.lstrip()[:1] in ("{", "["):
            from samverkan.cooperation.scb import read_scb_json

            parsed = read_scb_json(text)
        elif is_register_csv(text):
            parsed = read_register_csv(text)
        else:
            from samverkan.cooperation.scb import read_scb_csv

            parsed = read_scb_csv(text)
        parsed.form = f"{parsed.form} ({encoding})"
    else:
        # Already parsed rows (e.g. from a form): line 1 is the header they came with.
        raw_rows = [(i + 2, dict(r)) for i, r in enumerate(source)]  # type: ignore[union-attr]
        parsed = checked_register_rows(raw_rows, [], form=_("rader"))
    resolve_names(parsed, register_names or {})
    parsed.errors += check_duplicates(parsed.rows)
    if not parsed.errors and not parsed.rows:
        parsed.errors.append(LineError(1, _("filen innehåller inga rader med folkmängd.")))
    return parsed


def nul_lines(text: str) -> list[LineError]:
    """A NUL byte (which the database cannot store) names each line that has one."""
    return [
        LineError(number, _("raden innehåller ett NUL-tecken (\\0); ta bort det."))
        for number, line in enumerate(text.splitlines(), start=1)
        if "\x00" in line
    ]


def resolve_names(parsed: PopulationFile, register_names: Mapping[str, str]) -> None:
    """Rows that name a municipality without its code get the code the register gives."""
    rows = []
    for row in parsed.rows:
        if row.code:
            rows.append(row)
        elif code := register_names.get(normal_name(row.name)):
            rows.append(replace(row, code=code))
        else:
            parsed.errors.append(
                LineError(
                    row.line,
                    _(
                        "regionen ”%(name)s” har ingen kommunkod, och ingen kommun i registret "
                        "heter så. Ladda ner filen med kod och text (”1283 Helsingborg”)."
                    )
                    % {"name": row.name},
                    row.where,
                )
            )
    parsed.rows = rows


def parse_population(source: Source) -> list[PopulationRow]:
    """Every row of the file, checked; raises PopulationFileError naming every bad line."""
    parsed = read_population(source)
    if parsed.errors:
        raise PopulationFileError(parsed.errors, form=parsed.form)
    return parsed.rows
