"""Reading the app's CSV and XLSX files and the pages they come from, for the export tests of
issue 14 (tests/<room>/test_exports_*.py)."""

import csv
import io
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from openpyxl import load_workbook

from samverkan.files.tables import XLSX_TYPE


def csv_rows(response: Any) -> list[list[str]]:
    """A CSV answer as rows of texts: `;`-separated UTF-8 with a BOM, as Swedish Excel reads."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    raw = response.content
    assert raw.startswith("\ufeff".encode()), "no BOM"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


@dataclass
class Sheet:
    title: str
    rows: list[tuple[Any, ...]]
    frozen: str | None
    bold_header: bool
    number_formats: list[list[str]] = field(default_factory=list)


def xlsx_sheet(response: Any) -> Sheet:
    """An XLSX answer's one sheet: its name, its rows of values, the frozen pane, whether the
    header is bold, and each cell's number format."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX_TYPE
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 1
    sheet = book.active
    cells = list(sheet.iter_rows())
    return Sheet(
        title=sheet.title,
        rows=[tuple(c.value for c in row) for row in cells],
        frozen=sheet.freeze_panes,
        bold_header=all(c.font.bold for c in cells[0]) if cells else False,
        number_formats=[[c.number_format for c in row] for row in cells],
    )


# ---- pages ------------------------------------------------------------------------------------


@dataclass
class Table:
    caption: str = ""
    headings: list[str] = field(default_factory=list)  # the <th scope="col"> texts
    rows: list[list[str]] = field(default_factory=list)  # each row's cell texts


class _Page(HTMLParser):
    """A page's tables (text not inside .sr-only) and the links of its download paragraphs."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.downloads: list[str] = []
        self._hidden: list[bool] = []
        self._cell: list[str] | None = None
        self._col = False
        self._row: list[str] | None = None
        self._caption: list[str] | None = None
        self._in_downloads = 0

    VOID = frozenset({"br", "input", "img", "hr", "meta", "link", "source", "col", "wbr"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "a" and self._in_downloads:
            self.downloads.append(a.get("href") or "")
        if tag in self.VOID:
            return
        self._hidden.append("sr-only" in classes or (bool(self._hidden) and self._hidden[-1]))
        if tag == "p" and "downloads" in classes:
            self._in_downloads = len(self._hidden)
        if tag == "table":
            self.tables.append(Table())
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
            self._col = a.get("scope") == "col"

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if tag == "p" and self._in_downloads == len(self._hidden):
            self._in_downloads = 0
        if self._hidden:
            self._hidden.pop()
        if tag == "caption" and self._caption is not None:
            self.tables[-1].caption = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._col:
                self.tables[-1].headings.append(text)
            elif self._row is not None:
                self._row.append(text)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self.tables[-1].rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._caption is not None:
            self._caption.append(data)
        if self._cell is not None and not (self._hidden and self._hidden[-1]):
            self._cell.append(data)


def page_of(response: Any) -> _Page:
    assert response.status_code == 200, response.status_code
    parser = _Page()
    parser.feed(response.content.decode())
    return parser


def page_tables(response: Any) -> list[Table]:
    return page_of(response).tables


def page_table(response: Any, caption: str) -> Table:
    """The page's table whose caption contains `caption`."""
    tables = [t for t in page_tables(response) if caption in t.caption]
    assert len(tables) == 1, [t.caption for t in page_tables(response)]
    return tables[0]


def download_links(response: Any) -> list[str]:
    """The hrefs of the page's "Ladda ner: CSV / Excel" links, in order."""
    return [h.replace("&amp;", "&") for h in page_of(response).downloads]
