"""Reading the files of a register import: XLSX workbooks and CSV files, into one table per
sheet, with every problem a file or a heading row has.

XLSX is read with openpyxl. A formula is never evaluated: a cell with a formula is read as the
value the spreadsheet program saved with it (openpyxl's `data_only`), and a formula saved
without one is a bad row. CSV is read as UTF-8 (with or without a byte-order mark) or, failing
that, Windows-1252 (what Excel saves in Sweden), separated by `;` or `,`, whichever the heading
row uses; the report says which."""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from samverkan.files.text import decode_text
from samverkan.imports.report import Problem, SourceInfo
from samverkan.imports.sheets import (
    BY_KEY,
    BY_TITLE,
    IGNORED_TITLES,
    Column,
    Sheet,
    best_sheet,
    is_example,
    normalise_heading,
)

ZIP = b"PK\x03\x04"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NOT_TEXT = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")
MARKUP = ("<!doctype", "<html", "<?xml", "<svg", "<script", "<body", "{\\rtf")
# A workbook's parts may unpack to at most this many times the import limit (a zip bomb).
UNPACKED_FACTOR = 20
AUTO = ""  # the sheet of a CSV file: told by its heading row


@dataclass(frozen=True)
class Source:
    """One uploaded file: its name as given and its bytes."""

    name: str
    data: bytes


@dataclass
class Row:
    number: int  # as the spreadsheet program shows it: the heading row is 1
    values: dict[str, Any]
    letters: dict[str, str]  # column key → its letter (A, B, …)
    formulas: set[str] = field(default_factory=set)  # columns whose value a formula gave


@dataclass
class Table:
    sheet: Sheet
    where: str  # the sheet's title, or for a CSV file "Personer (personer.csv)"
    rows: list[Row] = field(default_factory=list)


@dataclass
class Reading:
    tables: dict[str, Table] = field(default_factory=dict)
    sources: list[SourceInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, where: str, reason: str, *, row: int | None = None, column: str = "") -> None:
        self.problems.append(Problem(where, row, column, reason))


def max_bytes() -> int:
    return int(settings.IMPORT_MAX_MB) * 1024 * 1024


def too_large_message() -> str:
    return _(
        "Filen är för stor för en import: den får vara högst %(mb)s MB. Dela upp registret i "
        "flera filer, eller spara bladen som CSV."
    ) % {"mb": settings.IMPORT_MAX_MB}


def read_sources(sources: Iterable[Source], *, csv_sheet: str = AUTO) -> Reading:
    """Every file read into tables; a file that cannot be read is a problem of its own, and
    so is a second table for the same sheet."""
    reading = Reading()
    sources = list(sources)
    if not sources:
        reading.problem(_("Filen"), _("Välj en fil att importera."))
    if sum(len(s.data) for s in sources) > max_bytes():
        reading.problem(sources[0].name if len(sources) == 1 else _("Filerna"), too_large_message())
        return reading
    for source in sources:
        _read_source(reading, source, csv_sheet)
    return reading


def _read_source(reading: Reading, source: Source, csv_sheet: str) -> None:
    data = source.data
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        reading.problem(source.name, _("Filen är tom."))
        return
    if data.startswith(ZIP):
        _read_xlsx(reading, source)
    elif data.startswith(OLE2):
        reading.problem(
            source.name,
            _(
                "Filen är en äldre Excel-fil (.xls). Spara den som Excel-arbetsbok (.xlsx) eller "
                "CSV."
            ),
        )
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        reading.problem(
            source.name,
            _("Filen är sparad som UTF-16. Spara den som CSV UTF-8 eller som Excel-arbetsbok."),
        )
    else:
        _read_csv(reading, source, csv_sheet)


def not_a_spreadsheet() -> str:
    return _(
        "Filen är inte ett kalkylblad. Ladda upp mallen som Excel-arbetsbok (.xlsx) eller ett "
        "blad sparat som CSV."
    )


# ---- XLSX ---------------------------------------------------------------------------------------


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False
    names = {i.filename for i in infos}
    if sum(i.file_size for i in infos) > max_bytes() * UNPACKED_FACTOR:
        return False
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


def _read_xlsx(reading: Reading, source: Source) -> None:
    if not _is_workbook(source.data):
        reading.problem(source.name, not_a_spreadsheet())
        return
    try:
        sheets = list(_workbook_cells(source.data))
    except Exception:  # openpyxl raises many kinds of error on a broken workbook
        reading.problem(source.name, not_a_spreadsheet())
        return
    info = SourceInfo(source.name, "XLSX")
    reading.sources.append(info)
    for title, cells, formula_at in sheets:
        sheet = BY_TITLE.get(normalise_heading(title))
        _add_table(reading, source, sheet, title, cells, formula_at, info)


def _workbook_cells(data: bytes) -> Iterator[tuple[str, list[list[Any]], set[tuple[int, int]]]]:
    """(title, cell values, positions of formula cells) of each data sheet. The workbook is
    read as its formulas first; only when it has any is it read again for the values saved
    with them."""
    formulas_book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    values_book = None
    try:
        for worksheet in formulas_book.worksheets:
            title = worksheet.title
            if normalise_heading(title) in IGNORED_TITLES:
                continue
            raw = [list(r) for r in worksheet.iter_rows()]
            cells = [[c.value for c in r] for r in raw]
            formula_at = {
                (i, j)
                for i, r in enumerate(raw)
                for j, c in enumerate(r)
                if getattr(c, "data_type", "") == "f"
                or isinstance(c.value, (ArrayFormula, DataTableFormula))
            }
            if formula_at:
                if values_book is None:
                    values_book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
                cached = [list(r) for r in values_book[title].iter_rows(values_only=True)]
                for i, j in formula_at:
                    cells[i][j] = cached[i][j] if i < len(cached) and j < len(cached[i]) else None
            yield title, cells, formula_at
    finally:
        formulas_book.close()
        if values_book is not None:
            values_book.close()


# ---- CSV ----------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str] | None:
    """The text and the name of its encoding, or None for bytes that are neither."""
    return decode_text(data)


def _looks_binary(data: bytes, text: str) -> bool:
    if data.startswith(NOT_TEXT):
        return True
    if any((ord(ch) < 0x20 and ch not in "\t\r\n\f") or ord(ch) == 0x7F for ch in text[:8192]):
        return True
    return text.lstrip().lower().startswith(MARKUP)


def delimiter_of(first_line: str) -> str:
    return "," if first_line.count(",") > first_line.count(";") else ";"


def _read_csv(reading: Reading, source: Source, csv_sheet: str) -> None:
    decoded = decode(source.data)
    if decoded is None or _looks_binary(source.data, decoded[0]):
        reading.problem(source.name, not_a_spreadsheet())
        return
    text, encoding = decoded
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = delimiter_of(first_line)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        cells: list[list[Any]] = [list(r) for r in reader]
    except csv.Error:
        reading.problem(source.name, not_a_spreadsheet())
        return
    shown = _("semikolon") if delimiter == ";" else _("kommatecken")
    info = SourceInfo(source.name, "CSV", encoding=encoding, delimiter=shown)
    reading.sources.append(info)
    sheet = BY_KEY.get(csv_sheet) if csv_sheet else None
    _add_table(reading, source, sheet, "", cells, set(), info)


# ---- one table -----------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _add_table(
    reading: Reading,
    source: Source,
    sheet: Sheet | None,
    title: str,
    cells: list[list[Any]],
    formula_at: set[tuple[int, int]],
    info: SourceInfo,
) -> None:
    """Find the sheet by the headings when it was not named, map the headings to columns and
    read each row that has any value."""
    label = title or source.name
    while cells and all(_blank(v) for v in cells[-1]):
        cells.pop()
    if not cells:
        if title:  # an empty sheet of a workbook is left out (a template sheet not filled in)
            return
        reading.problem(source.name, _("Filen är tom."))
        return
    headings = ["" if _blank(v) else str(v).strip() for v in cells[0]]
    if not any(headings):
        reading.problem(label, _("Rubrikraden (rad 1) är tom."), row=1)
        return
    exact = True
    if sheet is None:
        sheet, exact = best_sheet(headings)
        if not exact and title:
            reading.problem(
                label,
                _("Bladet %(title)s finns inte i mallen. Bladen heter %(titles)s.")
                % {"title": title, "titles": ", ".join(s.title for s in BY_KEY.values())},
            )
            return
    where = (
        title
        if title and normalise_heading(title) == normalise_heading(sheet.title)
        else (f"{sheet.title} ({label})")
    )
    if sheet.key in reading.tables:
        reading.problem(
            where,
            _("Bladet %(sheet)s finns redan i %(other)s; ladda upp det en gång.")
            % {"sheet": sheet.title, "other": reading.tables[sheet.key].where},
        )
        return
    columns = _map_columns(reading, sheet, where, headings, guessed=not exact)
    if columns is None:
        return
    info.sheets.append(sheet.title)
    table = Table(sheet, where)
    reading.tables[sheet.key] = table
    skipped = False
    for i, raw in enumerate(cells[1:], start=1):
        if all(_blank(v) for v in raw):
            continue
        row = Row(number=i + 1, values={}, letters={})
        for j, value in enumerate(raw):
            column = columns.get(j)
            if column is None:
                if not _blank(value):
                    reading.problem(
                        where,
                        _("Cellen %(cell)s har ett värde men ingen kolumnrubrik.")
                        % {"cell": f"{get_column_letter(j + 1)}{i + 1}"},
                        row=i + 1,
                        column=get_column_letter(j + 1),
                    )
                continue
            row.values[column.key] = value
            row.letters[column.key] = get_column_letter(j + 1)
            if (i, j) in formula_at:
                row.formulas.add(column.key)
        if is_example(sheet, row.values):
            skipped = True
            continue
        table.rows.append(row)
    if skipped:
        reading.notes.append(
            _("Mallens exempelrad på bladet %(sheet)s lästes inte in.") % {"sheet": where}
        )


def _map_columns(
    reading: Reading, sheet: Sheet, where: str, headings: list[str], *, guessed: bool
) -> dict[int, Column] | None:
    known = sheet.headings
    columns: dict[int, Column] = {}
    seen: dict[str, int] = {}
    bad = False
    for j, heading in enumerate(headings):
        if not heading:
            continue
        letter = get_column_letter(j + 1)
        column = known.get(normalise_heading(heading))
        if column is None:
            bad = True
            reading.problem(
                where,
                _(
                    "Kolumnen ”%(heading)s” finns inte på bladet %(sheet)s. Kolumnerna heter: "
                    "%(headings)s."
                )
                % {
                    "heading": heading,
                    "sheet": sheet.title,
                    "headings": ", ".join(c.heading for c in sheet.columns),
                },
                row=1,
                column=letter,
            )
        elif column.key in seen:
            bad = True
            reading.problem(
                where,
                _("Kolumnen ”%(heading)s” finns två gånger.") % {"heading": column.heading},
                row=1,
                column=letter,
            )
        else:
            seen[column.key] = j
            columns[j] = column
    for column in sheet.required:
        if column.key not in seen:
            bad = True
            reading.problem(
                where,
                _("Kolumnen ”%(heading)s” saknas; den måste finnas på bladet %(sheet)s.")
                % {"heading": column.heading, "sheet": sheet.title},
                row=1,
                column=column.heading,
            )
    if bad and guessed:
        reading.problem(
            where,
            _(
                "Rubrikraden stämmer inte med något av mallens blad; närmast är %(sheet)s. Välj "
                "bladet i formuläret, eller rätta rubrikerna."
            )
            % {"sheet": sheet.title},
            row=1,
        )
    return None if bad else columns
