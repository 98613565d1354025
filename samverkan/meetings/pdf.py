"""Agenda and minutes as PDF in the cooperation's graphic profile (N5): its name, logo and
colours. WeasyPrint renders an HTML template, so the PDF and the page share their wording;
it needs Pango from the system (Debian: libpango-1.0-0, libpangoft2-1.0-0), which
scripts/setup.sh installs."""

import base64
import mimetypes
from typing import Any

from django.template.loader import render_to_string

from samverkan.cooperation.models import Cooperation


def logo_data_uri(coop: Cooperation) -> str:
    """The logo inlined, so that rendering never fetches a URL."""
    if not coop.logo:
        return ""
    try:
        with coop.logo.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return ""
    mime = mimetypes.guess_type(coop.logo.name or "")[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    coop = Cooperation.current()
    html = render_to_string(template, {**context, "cooperation": coop, "logo": logo_data_uri(coop)})
    from weasyprint.urls import URLFetcher

    # Documents are self-contained: only the inlined logo (data:) may be read, never the
    # network or the file system.
    fetcher = URLFetcher(allowed_protocols=["data"])
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()
