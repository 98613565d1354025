from typing import Any

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """Look a key up in a dict from a template: {{ verdicts|get_item:rule.id }}."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def mailto(email: str | None) -> str:
    """An e-mail address as a link, or a dash where there is none (an empty link has no name)."""
    if not email:
        return "–"
    return format_html('<a href="mailto:{}">{}</a>', email, email)
