"""The network's matters, mandates and working groups as files (SPEC §5 "Files", issue 14):
the columns of the agreements pages, from the rows they show, for files.tables. Where a page
puts two things in one cell (a matter's date under its title, a period "from–to", the region
and its organisations) the file gives each its own column, so that dates stay dates and yes/no
a boolean."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _

from samverkan.agreements.models import Mandate, Matter, WorkingGroup
from samverkan.people.models import Person

Table = tuple[list[str], list[list[Any]]]


def _names(items: Iterable[Any]) -> str:
    return ", ".join(item.name for item in items)


def matter_table(matters: Iterable[Matter]) -> Table:
    """templates/agreements/matters.html; rows from selectors.matters (everything prefetched)."""
    header = [
        _("Ärende"),
        _("Väckt den"),
        _("Väckt av"),
        _("Berör"),
        _("Status"),
        _("Regionen"),
        _("Organisationer"),
        _("Frågeområde / arbetsgrupp"),
    ]
    rows = []
    for m in matters:
        area = " / ".join(
            name
            for name in (
                m.focus_area.name if m.focus_area else "",
                m.working_group.name if m.working_group else "",
            )
            if name
        )
        rows.append(
            [
                m.title,
                m.raised_on,
                m.raised_by.name if m.raised_by else _("Nätverket"),
                _names(m.concerned.all()),
                m.get_status_display(),
                m.with_region,
                _names(m.organisations.all()) if m.with_region else "",  # as on the page
                area,
            ]
        )
    return header, rows


def mandate_table(people: Sequence[tuple[Person, list[Mandate]]]) -> Table:
    """templates/agreements/mandates.html: one row per person and mandate, in the page's
    order (people by name, each one's mandates newest first)."""
    header = [
        _("Person"),
        _("Arena"),
        _("Organisation"),
        _("Från"),
        _("Till"),
        _("Ärende"),
        _("Företräder"),
    ]
    rows = [
        [
            person.name,
            md.arena,
            md.organisation.name if md.organisation else "",
            md.start_on,
            md.end_on,
            md.matter.title if md.matter else "",
            _names(md.represents.all()),
        ]
        for person, mandates in people
        for md in mandates
    ]
    return header, rows


def working_group_table(groups: Iterable[tuple[WorkingGroup, bool]]) -> Table:
    """templates/agreements/working_groups.html, with the page's F4 warning (the contact has
    left the network) as a yes/no column; rows from selectors.working_groups."""
    header = [
        _("Namn"),
        _("Frågeområde"),
        _("Kontaktperson"),
        _("Kontaktpersonen har lämnat nätverket"),
        _("Deltagare"),
        _("Från"),
        _("Till"),
    ]
    rows = [
        [
            g.name,
            g.focus_area.name if g.focus_area else "",
            g.contact.name,
            flagged,
            _names(g.members.all()),
            g.start_on,
            g.end_on,
        ]
        for g, flagged in groups
    ]
    return header, rows
