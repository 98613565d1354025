"""One way to plug in.

A room (an app, or a room inside one such as `networks/lifecycle/`) may keep these modules,
each found here and nowhere else:

- `audit.py`     registers its models with the history (django-auditlog);
- `rules.py`     registers its compliance rules and snapshot loaders (compliance/registry.py);
- `reminders.py` registers its daily reminders (notifications/reminders.py);
- `receivers.py` connects to the signals that rooms below it send (e.g. networks/signals.py);
- `sections.py`  adds panels to the pages that collect them (`section(...)` below): the
                 municipality page, the dashboard, Min sida; and the files of their lists
                 (`section_table(...)`: `?lista=…&format=csv|xlsx` on the page);
- `extract.py`   adds its part of a person's register extract (records/extract, issue 15);
- `archive.py`   adds its part of a network's export and archive package (records/archive).

`discover()` imports them for every Samverkan app and every room inside it, once, when the
site app is ready. A lower room never imports a higher one to show its part of a page: the
higher one adds a section, and the page renders whatever sections are there."""

import datetime
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.utils.module_loading import module_has_submodule

PLUGIN_MODULES = ("audit", "receivers", "rules", "reminders", "sections", "extract", "archive")
# Packages inside an app that are not rooms.
NOT_ROOMS = frozenset({"migrations", "management", "templatetags", "tests"})

_discovered = False


def rooms() -> list[str]:
    """Every Samverkan app and the room packages directly inside it."""
    out = []
    for config in apps.get_app_configs():
        if not config.name.startswith("samverkan."):
            continue
        out.append(config.name)
        package = import_module(config.name)
        for info in pkgutil.iter_modules(package.__path__):
            if info.ispkg and info.name not in NOT_ROOMS:
                out.append(f"{config.name}.{info.name}")
    return out


def discover() -> None:
    global _discovered
    if _discovered:
        return
    for room in rooms():
        package = import_module(room)
        for name in PLUGIN_MODULES:
            if module_has_submodule(package, name):
                import_module(f"{room}.{name}")
    _discovered = True


# ---- sections: panels that a page collects from the rooms above it ----------------------------

SectionContext = Callable[[HttpRequest, Any, datetime.date], dict[str, Any] | None]


@dataclass(frozen=True)
class Section:
    page: str
    key: str
    template: str
    context: SectionContext
    order: int = 100


SECTIONS: dict[str, dict[str, Section]] = {}


def section[C: SectionContext](
    page: str, key: str, template: str, *, order: int = 100
) -> Callable[[C], C]:
    """Add the decorated function's panel to `page`. It receives the request, the page's
    subject (a municipality, a person, the dashboard's filters) and the day, and returns the
    template's context, or None to show nothing to this viewer."""

    def register(context: C) -> C:
        SECTIONS.setdefault(page, {})[key] = Section(page, key, template, context, order)
        return context

    return register


def render_sections(
    page: str, request: HttpRequest, subject: Any, today: datetime.date
) -> list[tuple[str, dict[str, Any]]]:
    """(template, context) for each section of the page that has something for this viewer,
    in order."""
    out = []
    for item in sorted(SECTIONS.get(page, {}).values(), key=lambda s: (s.order, s.key)):
        context = item.context(request, subject, today)
        if context is not None:
            out.append((item.template, context))
    return out


# ---- a section's list as a file (SPEC §5 "Files") ---------------------------------------------


@dataclass(frozen=True)
class Table:
    """One list of a page as a file: its name, its sheet's name, the header and the rows, the
    same columns as the list on the page (samverkan/files/tables.py writes it)."""

    filename: str
    title: str
    header: list[Any]
    rows: list[list[Any]]


SectionTable = Callable[[HttpRequest, Any, datetime.date], Table | None]
TABLES: dict[str, dict[str, SectionTable]] = {}


def section_table(page: str, name: str) -> Callable[[SectionTable], SectionTable]:
    """Offer a list of a section of `page` as a file, asked for as `?lista=<name>&format=…`
    (templates/files/_download.html with list="<name>"). The decorated function receives what
    the section's own receives and returns the Table, or None where this viewer does not see
    the list (the page then answers 404, as for a list that does not exist)."""

    def register(table: SectionTable) -> SectionTable:
        TABLES.setdefault(page, {})[name] = table
        return table

    return register


def section_table_for(
    page: str, name: str, request: HttpRequest, subject: Any, today: datetime.date
) -> Table | None:
    """The list `name` of `page` for this viewer, or None when there is no such list for them."""
    table = TABLES.get(page, {}).get(name)
    return table(request, subject, today) if table is not None else None
