"""Markup drawn by a library, made fit for the Content-Security-Policy (issue 13, part 4).

pygal's SVG charts (samverkan/files/charts.py) are inlined in the page and carry a <style>
element of their own and one style attribute (on the tooltip, which only pygal's JavaScript
would show, and the charts carry none). The policy allows inline <style> only with the
request's nonce, and no style attribute at all; so, on a page served with a nonce,
{% csp_markup chart %} gives the chart's <style> elements the nonce and drops its style
attributes (the stylesheet hides the tooltip instead). Without a nonce (a template rendered
without a request) the markup is left as it is."""

import re
from typing import Any

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe

register = template.Library()

_STYLE_ELEMENT = re.compile(r"<style(?=[\s>/])", re.I)
# A style attribute inside a tag: a tag cannot hold "<" or ">", text and comments cannot hold
# a raw "<" in well-formed markup, so this never touches a chart's labels.
_STYLE_ATTRIBUTE = re.compile(r"(<[A-Za-z][^<>]*?)\s+style\s*=\s*(\"[^\"]*\"|'[^']*')", re.I)


def fit_for_csp(markup: str, nonce: str) -> str:
    """`markup` with the nonce on every <style> element and no style attribute."""
    previous = None
    while previous != markup:  # one tag may hold more than one style attribute
        previous, markup = markup, _STYLE_ATTRIBUTE.sub(r"\1", markup)
    return _STYLE_ELEMENT.sub(f'<style nonce="{nonce}"', markup)


@register.simple_tag(takes_context=True)
def csp_markup(context: template.Context, markup: Any) -> SafeString | str:
    """Trusted markup (a SafeString) ready for the page's policy; anything else escaped."""
    if markup is None:
        return ""
    if not isinstance(markup, SafeData):
        return conditional_escape(markup)
    nonce = context.get("csp_nonce")
    if nonce is None:
        return markup  # type: ignore[return-value]
    return mark_safe(fit_for_csp(str(markup), str(nonce)))
