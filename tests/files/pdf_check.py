"""Checks of the PDFs the service publishes (issue 18): tagged with title and language, read
with pypdf as `pdfinfo` would ("Tagged: yes"); and, on the laid-out pages of a WeasyPrint
Document (files.pdf.render_document), nothing past the right edge, no table row on two pages,
no almost empty last page."""

import io
from collections.abc import Iterator
from typing import Any

from pypdf import PdfReader
from weasyprint.formatting_structure import boxes


def assert_tagged(pdf: bytes, *, title: str, lang: str = "sv", ua: bool = True) -> PdfReader:
    """Tagged (MarkInfo/Marked and a structure tree), with its title shown as the window's
    title and its language; `ua`: it says it is PDF/UA-1 in its XMP metadata."""
    reader = PdfReader(io.BytesIO(pdf))
    root: Any = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]), "not tagged"
    tree = root["/StructTreeRoot"].get_object()
    assert tree.get("/K"), "an empty structure tree"
    assert root["/Lang"] == lang
    assert reader.metadata is not None and reader.metadata.title == title
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    if ua:
        xmp = root["/Metadata"].get_object().get_data()
        assert b'pdfuaid:part="1"' in xmp, "no PDF/UA-1 claim"
    return reader


def structure_types(reader: PdfReader) -> set[str]:
    """The structure element types of the tree (H1, Table, TH, L, Figure …)."""
    found: set[str] = set()
    root: Any = reader.trailer["/Root"]
    stack: list[Any] = [root["/StructTreeRoot"].get_object()]
    while stack:
        node = stack.pop()
        if hasattr(node, "get_object"):
            node = node.get_object()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "/S" in node:
                found.add(str(node["/S"]).lstrip("/"))
            kids = node.get("/K")
            if kids is not None:
                stack.append(kids)
    return found


def _content(page: Any) -> Iterator[Any]:
    """The boxes of a page's body, without its margin boxes (running footers)."""
    for child in page._page_box.children:
        if not isinstance(child, boxes.MarginBox):
            yield child
            yield from child.descendants()


def cut_off(document: Any) -> list[str]:
    """Texts that run past the right edge of a page's content area."""
    out = []
    for number, page in enumerate(document.pages, start=1):
        box = page._page_box
        right = box.content_box_x() + box.width
        for b in _content(page):
            if isinstance(b, boxes.TextBox) and b.position_x + b.width > right + 0.5:
                out.append(f"page {number}: {b.text[:40]!r}")
    return out


def split_rows(document: Any) -> list[str]:
    """Table body rows laid out on more than one page (repeated table heads excepted)."""
    pages: dict[int, list[int]] = {}
    texts: dict[int, str] = {}
    for number, page in enumerate(document.pages, start=1):
        for b in _content(page):
            if isinstance(b, boxes.TableRowGroupBox) and not (b.is_header or b.is_footer):
                for row in b.children:
                    pages.setdefault(id(row.element), []).append(number)
                    texts[id(row.element)] = "".join(
                        t.text for t in row.descendants() if isinstance(t, boxes.TextBox)
                    )[:40]
    return [f"{texts[k]!r} on pages {v}" for k, v in pages.items() if len(v) > 1]


def lines_on_last_page(document: Any) -> int:
    """How many lines of text the body of the last page has."""
    return sum(1 for b in _content(document.pages[-1]) if isinstance(b, boxes.LineBox))
