from django import template

from samverkan.costs.money import format_kronor

register = template.Library()


@register.filter
def kronor(ore: int | None) -> str:
    """10000050 → "100 000,50 kr"."""
    return format_kronor(ore)
