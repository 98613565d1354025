"""{% fragment key cached %}…{% endfragment %}: a part of a page kept until the data changes.

The view asks history/fragments.py for the stored fragment first; `cached` is what it found
(then the view built none of the context the block needs, and the block is not rendered) and
`key` where to store the block once rendered (None: the viewer's page is their own, render it
every time)."""

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import mark_safe

from samverkan.history import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist: NodeList, key: FilterExpression, cached: FilterExpression):
        self.nodelist, self.key, self.cached = nodelist, key, cached

    def render(self, context: template.Context) -> str:
        cached = self.cached.resolve(context, ignore_failures=True)
        if cached:
            return mark_safe(cached)
        html = self.nodelist.render(context)
        fragments.put(self.key.resolve(context, ignore_failures=True), html)
        return html


@register.tag("fragment")
def do_fragment(parser: Parser, token: Token) -> Any:
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("{% fragment key cached %} takes two arguments")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))
