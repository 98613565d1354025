"""PDF of a report page through WeasyPrint (HTML and CSS to PDF; needs Pango, which
scripts/setup.sh installs)."""

from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string


def render_pdf(template: str, context: dict, request: HttpRequest | None = None) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango takes a moment

    html = render_to_string(template, context, request=request)
    base = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
    return HTML(string=html, base_url=base).write_pdf()
