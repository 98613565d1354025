"""The inbox shows a notice's links as links (issue 16, point 6: answer links clickable)."""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from samverkan.notifications.delivery import SITE_PATH

register = template.Library()

# A full http(s) URL, without the punctuation that usually ends a sentence after it.
_URL = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")


def _links(text: str) -> SafeString:
    parts: list[str] = []
    at = 0
    pattern = re.compile(f"{_URL.pattern}|{SITE_PATH.pattern}")
    for match in pattern.finditer(text):
        url = match.group(0)
        parts.append(escape(text[at : match.start()]))
        parts.append(format_html('<a href="{}">{}</a>', url, url))
        at = match.end()
    parts.append(escape(text[at:]))
    return mark_safe("".join(parts))  # every piece escaped above


@register.filter
def notice_html(text: str) -> SafeString:
    """A notice's text as HTML: escaped, its URLs and the site's paths as links, paragraphs
    and line breaks kept (as `linebreaks`)."""
    paragraphs = re.split(r"\n{2,}", str(text).replace("\r\n", "\n").strip())
    html = "\n".join(
        format_html("<p>{}</p>", mark_safe(_links(p).replace("\n", "<br>")))
        for p in paragraphs
        if p.strip()
    )
    return mark_safe(html)


@register.filter
def kind_label(kind: str) -> str:
    """What a kind of notice is called (kinds.py)."""
    from samverkan.notifications.kinds import label

    return label(kind)
