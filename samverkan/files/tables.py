"""CSV and XLSX responses for every list (SPEC §5 "Files"), from one header and rows.

Every CSV and XLSX file of the app is written here, and every cell goes through `safe_cell`
first (issue 13): a text that a spreadsheet program would read as a formula (OWASP's "CSV
injection": it starts with =, +, -, @, a tab or a carriage return) is written with a single
quote in front, and in XLSX as a text cell, so a survey answer `=HYPERLINK(…)` or a network
named `@SUM(A1)` stays text in every file the app sends or serves. Numbers stay numbers."""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# What a spreadsheet program takes as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as a cell of an exported file: a text that would start a formula gets a
    single quote in front (OWASP); numbers, dates and empty cells are left as they are."""
    if isinstance(value, Promise):  # a lazily translated header
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in row]


def csv_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """Semicolon-separated UTF-8 with BOM, as Swedish Excel opens it without asking."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow([_csv_cell(v) for v in safe_row(row)])
    return response


def _csv_cell(value: Any) -> Any:
    """After safe_cell: a Decimal (kronor) is written the Swedish way, "-1234,56" included."""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return value


def _xlsx_append(sheet: Any, row: Iterable[Any]) -> None:
    """One row of safe cells; every text is a text cell (data type "s"), never a formula or an
    error code, and loses the control characters that XLSX cannot hold (instead of failing
    the whole file)."""
    cells = []
    for value in safe_row(row):
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = Cell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        cells.append(cell)
    sheet.append(cells)


def xlsx_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        _xlsx_append(sheet, header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            _xlsx_append(sheet, row)
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "Data"
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes([(title, header, rows)]), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def table_response(
    fmt: str, filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]], **kw: Any
) -> HttpResponse:
    if fmt == "xlsx":
        return xlsx_response(filename, header, rows, **kw)
    return csv_response(filename, header, rows)


def kronor(ore: int) -> Decimal:
    """Öre as exact kronor (a Decimal: a number in XLSX, "1234,56" in CSV)."""
    return Decimal(ore) / 100
