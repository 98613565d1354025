"""What an uploaded file may be: its size (SAMVERKAN_UPLOAD_MAX_MB) and its type, checked by
its name and by its content, so that a page cannot be uploaded under a document's name.

The allowed documents (material, meeting attachments) are office documents, PDF, images and
plain text; logos are PNG, JPEG or SVG, and an SVG is kept only as `files.svg` sanitises it.
The content is told by its first bytes (PDF, PNG, JPEG, GIF, the OLE2 container of old Office
documents) and, for the zip-based formats, by the parts the zip holds: an OOXML document its
`[Content_Types].xml` and its main folder, an OpenDocument its `mimetype` entry."""

import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from samverkan.files import svg

HEAD_BYTES = 8192
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MARKUP_STARTS = (b"<!doctype", b"<html", b"<svg", b"<script", b"<?xml", b"<body", b"<head")


class UploadRefused(ValueError):
    """An upload that is not allowed, with the Swedish reason; the services raise it on as a
    ServiceError on their file field (files sits beside core and cannot raise that itself)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FileType:
    extension: str
    mime: str
    family: str  # how the content is told: pdf, png, jpeg, gif, ooxml:<folder>, odf:<mime>,
    # ole2, text


TYPES = {
    t.extension: t
    for t in [
        FileType("pdf", "application/pdf", "pdf"),
        FileType("png", "image/png", "png"),
        FileType("jpg", "image/jpeg", "jpeg"),
        FileType("jpeg", "image/jpeg", "jpeg"),
        FileType("gif", "image/gif", "gif"),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "ooxml:word/",
        ),
        FileType(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml:xl/"
        ),
        FileType(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "ooxml:ppt/",
        ),
        FileType(
            "odt",
            "application/vnd.oasis.opendocument.text",
            "odf:application/vnd.oasis.opendocument.text",
        ),
        FileType(
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
            "odf:application/vnd.oasis.opendocument.spreadsheet",
        ),
        FileType(
            "odp",
            "application/vnd.oasis.opendocument.presentation",
            "odf:application/vnd.oasis.opendocument.presentation",
        ),
        FileType("doc", "application/msword", "ole2"),
        FileType("xls", "application/vnd.ms-excel", "ole2"),
        FileType("ppt", "application/vnd.ms-powerpoint", "ole2"),
        FileType("txt", "text/plain", "text"),
        FileType("csv", "text/csv", "text"),
        FileType("svg", "image/svg+xml", "svg"),
    ]
}
DOCUMENTS = frozenset(TYPES) - {"svg"}
LOGOS = frozenset({"png", "jpg", "jpeg", "svg"})


# ---- size -----------------------------------------------------------------------------------


def max_upload_bytes() -> int:
    return int(settings.UPLOAD_MAX_MB) * 1024 * 1024


def too_large_message() -> str:
    return _("Filen är för stor: den får vara högst %(mb)s MB.") % {"mb": settings.UPLOAD_MAX_MB}


# ---- type -----------------------------------------------------------------------------------


def extension_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _head(handle: IO[bytes]) -> bytes:
    handle.seek(0)
    head = handle.read(HEAD_BYTES)
    handle.seek(0)
    return head


def _zip_names(handle: IO[bytes]) -> tuple[set[str], bytes] | None:
    """The zip's entry names and its `mimetype` entry (OpenDocument), or None if no zip."""
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 200:
                mimetype = archive.read("mimetype").strip()
            return names, mimetype
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return None
    finally:
        handle.seek(0)


def _is_text(head: bytes) -> bool:
    """Plain text or CSV: no control characters but tab, line ends and form feed, and no
    markup a browser would take for a page."""
    if any((b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D)) or b == 0x7F for b in head):
        return False
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return not start.startswith(MARKUP_STARTS)


def content_matches(family: str, handle: IO[bytes]) -> bool:
    """Whether the content is of the family its name says."""
    head = _head(handle)
    if family == "pdf":
        return head.startswith(b"%PDF")
    if family == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if family == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if family == "gif":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if family == "ole2":
        return head.startswith(OLE2)
    if family == "text":
        return _is_text(head)
    if family.startswith(("ooxml:", "odf:")):
        if not head.startswith(b"PK\x03\x04"):
            return False
        found = _zip_names(handle)
        if found is None:
            return False
        names, mimetype = found
        if family.startswith("odf:"):
            return mimetype == family.removeprefix("odf:").encode()
        folder = family.removeprefix("ooxml:")
        return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
    return False


def allowed_names(allowed: frozenset[str]) -> str:
    return ", ".join(f".{e}" for e in sorted(allowed))


def check_upload(file: Any, *, allowed: frozenset[str] = DOCUMENTS) -> str:
    """The file's MIME type when its size, name and content are allowed; otherwise
    UploadRefused, saying why in Swedish."""
    size = getattr(file, "size", None)
    if size is not None and size > max_upload_bytes():
        raise UploadRefused(too_large_message())
    extension = extension_of(getattr(file, "name", "") or "")
    kind = TYPES.get(extension)
    if kind is None or extension not in allowed:
        shown = f".{extension}" if extension else _("utan filändelse")
        raise UploadRefused(
            _("Filtypen %(type)s är inte tillåten. Tillåtna: %(allowed)s.")
            % {"type": shown, "allowed": allowed_names(allowed)}
        )
    if kind.family == "svg":
        return kind.mime  # checked by sanitising (sanitised_logo)
    if not content_matches(kind.family, file):
        raise UploadRefused(
            _("Filens innehåll är inte %(type)s, som namnet säger.") % {"type": f".{extension}"}
        )
    return kind.mime


def sanitised_logo(file: Any) -> bytes | None:
    """A logo's content made safe: None for PNG and JPEG (kept as uploaded, once checked), the
    sanitised document for SVG; UploadRefused for anything else."""
    check_upload(file, allowed=LOGOS)
    if extension_of(file.name or "") != "svg":
        return None
    file.seek(0)
    try:
        return svg.sanitise(file.read())
    except svg.UnsafeSvg as error:
        raise UploadRefused(
            _("SVG-filen kunde inte läsas som en säker bild: %(why)s") % {"why": error.reason}
        ) from error
    finally:
        file.seek(0)


def stored_type(name: str, handle: IO[bytes]) -> str | None:
    """The MIME type of a stored file when its content is what its name says, else None (a
    file stored before these checks, or put there by hand, is then served as bytes)."""
    kind = TYPES.get(extension_of(name))
    if kind is None or kind.family == "svg":
        return None
    try:
        return kind.mime if content_matches(kind.family, handle) else None
    except OSError:
        return None
