"""HTML to PDF through WeasyPrint (it needs Pango from the system: Debian's libpango-1.0-0 and
libpangoft2-1.0-0, which scripts/setup.sh installs). The PDF and its page share one template,
so they share their wording.

Every document is rendered with one fetcher, `SiteFetcher`: it reads inlined `data:` and the
instance's own static files and branding (the cooperation's logo), from the disk or the
storage, by a path checked to stay inside them, and nothing else: no network, no `file://`,
no other uploads. A logo or an SVG inside a document that points elsewhere is left out.

Every PDF is tagged (issue 18: DOS-lagen covers the documents the service publishes): its
structure tree (headings, lists, tables with their header cells, figures with their alt text)
lets a screen reader read it, and it says it follows PDF/UA-1 (SAMVERKAN_PDF_VARIANT), with the
title of the template's <title> shown as the window's title and the language of <html lang>.
A caller that needs another variant (the archive's PDF/A) keeps the tags too."""

import base64
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.template.loader import render_to_string

from samverkan.files import svg
from samverkan.files.uploads import LOGOS, TYPES, extension_of

# The stored files a document may show: the cooperation's logo (Cooperation.logo upload_to).
MEDIA_FOLDERS = ("branding/",)


def data_uri(file: Any) -> str:
    """A stored logo inlined, so that rendering fetches nothing; an SVG is sanitised again
    (a file put in place by hand never went through the upload's checks)."""
    if not file:
        return ""
    extension = extension_of(file.name or "")
    if extension not in LOGOS:
        return ""
    try:
        with file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return ""
    if extension == "svg":
        try:
            data = svg.sanitise(data)
        except svg.UnsafeSvg:
            return ""
    mime = TYPES[extension].mime
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


class Refused(ValueError):
    """A document asked for something outside the instance's own files."""


def _clean_name(path: str) -> str | None:
    """A relative name with no way out of its folder ("..", absolute, backslash), or None."""
    name = unquote(path)
    if "\\" in name or "\x00" in name:
        return None
    normal = posixpath.normpath(name)
    if normal.startswith(("/", "..")) or normal in (".", ""):
        return None
    return normal


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _static_file(name: str) -> bytes:
    """A static file, as the staticfiles finders find it (they join paths safely), or from
    STATIC_ROOT (collectstatic's copy) when its resolved path stays inside it."""
    found = finders.find(name)
    if isinstance(found, str) and Path(found).is_file():
        return Path(found).read_bytes()
    if settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / name
        if candidate.is_file() and _inside(candidate, Path(settings.STATIC_ROOT)):
            return candidate.read_bytes()
    raise Refused(f"no static file {name}")


def _media_file(name: str) -> bytes:
    if not name.startswith(MEDIA_FOLDERS):
        raise Refused(f"{name} is not a file a document may show")
    try:
        local = Path(default_storage.path(name))
    except NotImplementedError:
        local = None
    if local is not None and not _inside(local, Path(settings.MEDIA_ROOT)):
        raise Refused(f"{name} is outside the media folder")
    try:
        with default_storage.open(name, "rb") as handle:
            return handle.read()
    except (OSError, ValueError) as error:
        raise Refused(f"no stored file {name}") from error


def _site_bytes(url: str, base_url: str) -> tuple[bytes, str]:
    """The instance's own static file or branding that `url` (on the document's own origin)
    names, with its MIME type; Refused for anything else."""
    parts, base = urlsplit(url), urlsplit(base_url)
    if parts.scheme not in ("http", "https") or (parts.scheme, parts.netloc) != (
        base.scheme,
        base.netloc,
    ):
        raise Refused(f"{url} is not on the instance itself")
    for prefix, read in ((settings.STATIC_URL, _static_file), (settings.MEDIA_URL, _media_file)):
        if prefix and parts.path.startswith(prefix):
            name = _clean_name(parts.path.removeprefix(prefix))
            if name is None:
                raise Refused(f"{url} leaves its folder")
            kind = TYPES.get(extension_of(name))
            mime = kind.mime if kind else _style_or_font(name)
            return read(name), mime
    raise Refused(f"{url} is neither a static file nor the branding")


def _style_or_font(name: str) -> str:
    extension = extension_of(name)
    types = {"css": "text/css", "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf"}
    if extension not in types:
        raise Refused(f"{name}: not a kind of file a document shows")
    return types[extension]


def site_fetcher(base_url: str) -> Any:
    """The one url_fetcher every WeasyPrint document is rendered with."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=["data"], allow_redirects=False)

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.lower().startswith("data:"):
                return super().fetch(url, headers)
            body, mime = _site_bytes(url, base_url)
            return URLFetcherResponse(url, body, {"Content-Type": mime})

    return SiteFetcher()


def pdf_options(variant: str | None = None) -> dict[str, Any]:
    """WeasyPrint's write_pdf options: always tagged; `variant` (e.g. "pdf/a-3u" for the
    archive package) or else the instance's PDF_VARIANT ("pdf/ua-1"; "" for tags alone)."""
    chosen = variant if variant is not None else settings.PDF_VARIANT
    options: dict[str, Any] = {"pdf_tags": True}
    if chosen:
        options["pdf_variant"] = chosen
    return options


def render_document(
    template: str,
    context: dict[str, Any],
    request: HttpRequest | None = None,
    *,
    variant: str | None = None,
) -> Any:
    """The template laid out in pages (a weasyprint Document), before it is written: tests
    read its boxes to find what is cut off or split across pages."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    html = render_to_string(template, context, request=request)
    base = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    base = base.rstrip("/") + "/"
    document = HTML(string=html, base_url=base, url_fetcher=site_fetcher(base))
    # The structure tree is built while laying out: the same options as the writing.
    return document.render(**pdf_options(variant))


def render_pdf(
    template: str,
    context: dict[str, Any],
    request: HttpRequest | None = None,
    *,
    variant: str | None = None,
) -> bytes:
    """The template as a tagged PDF. Relative addresses (links, the instance's static files)
    resolve against the site; what is fetched is only what `site_fetcher` allows."""
    document = render_document(template, context, request, variant=variant)
    return document.write_pdf(**pdf_options(variant))
