"""The network's members and roles as a file (SPEC §5 "Files", issue 14): the columns of
templates/networks/members.html, from the rows the page shows, for files.tables."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from samverkan.networks.models import Membership

Table = tuple[list[str], list[list[Any]]]


def member_table(rows: Iterable[Membership], *, show_contacts: bool) -> Table:
    """Name, role, municipality, e-mail (where the page shows it), from, to (dates)."""
    header = [_("Namn"), _("Roll"), _("Kommun")]
    if show_contacts:
        header.append(_("E-post"))
    header += [_("Från"), _("Till")]
    out = []
    for m in rows:
        cells: list[Any] = [
            m.person.name,
            m.get_role_display(),
            m.municipality.name if m.municipality else "",
        ]
        if show_contacts:
            cells.append(m.person.email)
        cells += [m.start_on, m.end_on]
        out.append(cells)
    return header, out
