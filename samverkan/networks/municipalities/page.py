"""The municipality page (SPEC §5) is made of sections; other apps add theirs here with
`register_section(...)` (e.g. attendance, cost shares) instead of editing the template.

A section is a template, included with the context its function returns, in `order`."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from samverkan.cooperation.models import Municipality


@dataclass(frozen=True)
class Section:
    key: str
    template: str
    context: Callable[[HttpRequest, Municipality, datetime.date], dict[str, Any] | None]
    order: int = 100


SECTIONS: dict[str, Section] = {}


def register_section(
    key: str,
    template: str,
    context: Callable[[HttpRequest, Municipality, datetime.date], dict[str, Any] | None],
    *,
    order: int = 100,
) -> None:
    """Add a section; a context function returning None hides the section for this viewer."""
    SECTIONS[key] = Section(key=key, template=template, context=context, order=order)


def render_sections(
    request: HttpRequest, municipality: Municipality, today: datetime.date
) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for section in sorted(SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request, municipality, today)
        if context is not None:
            out.append((section.template, context))
    return out
