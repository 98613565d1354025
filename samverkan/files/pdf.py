"""HTML to PDF through WeasyPrint (it needs Pango from the system: Debian's libpango-1.0-0 and
libpangoft2-1.0-0, which scripts/setup.sh installs). The PDF and its page share one template,
so they share their wording."""

import base64
import mimetypes
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string


def data_uri(file: Any) -> str:
    """A stored file (an image field's value) inlined, so that rendering never fetches a URL."""
    if not file:
        return ""
    try:
        with file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return ""
    mime = mimetypes.guess_type(file.name or "")[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def render_pdf(
    template: str,
    context: dict[str, Any],
    request: HttpRequest | None = None,
    *,
    self_contained: bool = False,
) -> bytes:
    """The template as PDF. A self-contained document reads nothing but inlined data: (never
    the network or the file system); otherwise relative addresses resolve against the site."""
    from weasyprint import HTML  # imported late: loading Pango takes a moment
    from weasyprint.urls import URLFetcher

    html = render_to_string(template, context, request=request)
    if self_contained:
        fetcher = URLFetcher(allowed_protocols=["data"])
        return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
    base = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    return HTML(string=html, base_url=base).write_pdf()
