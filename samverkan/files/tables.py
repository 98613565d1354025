"""CSV and XLSX responses for every list (SPEC §5 "Files"), from one header and rows.

Every CSV and XLSX file of the app is written here, and every cell goes through `safe_cell`
first (issue 13): a text that a spreadsheet program would read as a formula (OWASP's "CSV
injection": it starts with =, +, -, @, a tab or a carriage return) is written with a single
quote in front, and in XLSX as a text cell, so a survey answer `=HYPERLINK(…)` or a network
named `@SUM(A1)` stays text in every file the app sends or serves. Numbers stay numbers."""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
# Number formats of XLSX cells: kronor with two decimals, dates as dates.
KRONOR_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def requested_format(request: HttpRequest) -> str | None:
    """The file a list page was asked for (`?format=csv|xlsx`, the links of
    templates/files/_download.html), or None for the page itself."""
    fmt = request.GET.get("format")
    return fmt if fmt in FORMATS else None


def requested_list(request: HttpRequest) -> str:
    """Which list of a page with several (`?lista=…`); "" for the page's only or first one."""
    return request.GET.get("lista", "")


# What a spreadsheet program takes as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as a cell of an exported file: a text that would start a formula gets a
    single quote in front (OWASP); numbers, dates and empty cells are left as they are. A
    moment is written in local time (a spreadsheet has no time zones), a yes/no as Ja/Nej."""
    if isinstance(value, Promise):  # a lazily translated header
        value = str(value)
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, Fraction):  # a mean: a number with two decimals, like kronor
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
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
    """After safe_cell: every number with a fraction is written the Swedish way, with a
    decimal comma (issue 18: Swedish Excel reads "3.45" as a text or a date): a Decimal
    (kronor, means) with two decimals, "-1234,56" included; a float as Python writes it, never
    in exponent form."""
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, float):
        text = repr(value)
        if "e" in text or "E" in text:
            text = format(Decimal(text), "f")
        return text.replace(".", ",")
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
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
        elif isinstance(value, Decimal):
            cell.number_format = KRONOR_FORMAT
        elif isinstance(value, datetime.datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
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
            width = max(_shown_width(c.value) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _shown_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return len(str(value))


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
