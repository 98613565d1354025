"""The network page's navigation (issue 16, point 13): the network's pages in a few groups a
person can scan, with the current one marked, instead of fourteen buttons in a row.

The networks room names its own pages here; the rooms above add theirs (meetings, costs,
agreements, the archive) as `nav` links in a "network.links" section (core/plugins.py), so
that this room never imports them."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from samverkan.core.plugins import render_sections
from samverkan.networks import access
from samverkan.networks.models import Network

# Group keys in the order shown, with their names.
GROUPS: dict[str, Promise] = {
    "network": _("Nätverket"),
    "plan": _("Planer och överenskommelse"),
    "work": _("Möten och kostnader"),
    "support": _("Stöd från sekretariatet"),
    "archive": _("Arkiv och avslut"),
}


@dataclass(frozen=True)
class NavLink:
    group: str
    label: str | Promise
    url: str
    order: int = 100
    download: bool = False


@dataclass
class NavGroup:
    key: str
    name: str | Promise
    links: list[dict[str, Any]] = field(default_factory=list)


def own_links(user: Any, network: Network, today: datetime.date) -> list[NavLink]:
    """The networks room's own pages, as this viewer may use them on this network now."""
    slug = network.slug
    closed = network.status == Network.Status.CLOSED
    can_edit = access.can_edit_network(user, network)
    links = [NavLink("network", _("Översikt"), reverse("networks:detail", args=[slug]), 0)]
    if network.status in (Network.Status.PROPOSED, Network.Status.STARTING):
        links.append(
            NavLink("network", _("Uppstart"), reverse("networks:progress", args=[slug]), 10)
        )
    links.append(
        NavLink(
            "network",
            _("Deltagande kommuner"),
            reverse("networks:participation", args=[slug]),
            20,
        )
    )
    if can_edit and not closed:
        links.append(
            NavLink(
                "network", _("Medlemmar och roller"), reverse("networks:members", args=[slug]), 30
            )
        )
        for n, year in enumerate((today.year, today.year + 1)):
            links.append(
                NavLink(
                    "plan",
                    _("Årsplan %(year)s") % {"year": year},
                    reverse("networks:plan_edit", args=[slug, year]),
                    n,
                )
            )
    links += [
        NavLink("support", _("Material"), reverse("networks:material", args=[slug]), 10),
        NavLink(
            "support",
            _("Frågor till sekretariatet"),
            reverse("networks:questions", args=[slug]),
            20,
        ),
    ]
    if can_edit:
        links.append(
            NavLink(
                "archive",
                _("Exportera för arkivering (JSON)"),
                reverse("networks:export", args=[slug]),
                10,
                download=True,
            )
        )
    if can_edit and not closed:
        links.append(
            NavLink("archive", _("Avsluta nätverket"), reverse("networks:close", args=[slug]), 90)
        )
    return links


def network_nav(request: HttpRequest, network: Network, today: datetime.date) -> list[NavGroup]:
    """The groups that have a link for this viewer, each link marked `current` ("page" for
    the page itself, "true" for the section a page below it belongs to)."""
    links = own_links(request.user, network, today)
    for _template, context in render_sections("network.links", request, network, today):
        links += context.get("nav", [])
    path = request.path
    best = max(
        (link.url for link in links if not link.download and path.startswith(link.url)),
        key=len,
        default="",
    )
    groups = {key: NavGroup(key, name) for key, name in GROUPS.items()}
    for link in sorted(links, key=lambda item: (item.order, str(item.label))):
        current = "page" if link.url == path else "true" if link.url == best else ""
        groups[link.group].links.append({"link": link, "current": current})
    return [group for group in groups.values() if group.links]
