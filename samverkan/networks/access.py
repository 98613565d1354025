"""Who may see and change a network (STYLE habit 5).

Views, API routes and services ask these getters and predicates; none of them decides alone.
One who may not know a network exists gets 404; one who may see it but not do what is asked,
403. The rooms above (lifecycle, material, agreements, meetings, costs) build their getters on
`get_network_for` and `require_network`.
"""

import enum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.cooperation.selectors import current_cooperation
from samverkan.networks.models import Membership, Network
from samverkan.people.access import person_for, remember, viewer_for

Role = Membership.Role
EDITOR_ROLES = frozenset({Role.COORDINATOR})
MEETING_ROLES = frozenset({Role.COORDINATOR, Role.SECRETARY})


class Need(enum.Enum):
    """What a caller needs of a network."""

    READ = "read"  # see it: every signed-in reader, the public where the catalogue shows it
    INTERNAL = "internal"  # its internal pages: members and the secretariat
    EDIT = "edit"  # change it: its coordinators and the secretariat


# ---- roles ------------------------------------------------------------------------------------


def _resolve_roles(user: Any) -> dict[int, set[str]]:
    person = person_for(user)
    if person is None:
        return {}
    roles: dict[int, set[str]] = {}
    for network_id, role in (
        Membership.objects.on(timezone.localdate())
        .filter(person=person)
        .values_list("network_id", "role")
    ):
        roles.setdefault(network_id, set()).add(role)
    return roles


def network_roles(user: Any) -> dict[int, set[str]]:
    """The user's current roles per network id (one query, kept with the viewer and dropped
    with it by `people.access.forget_viewer`)."""
    return remember(user, "network_roles", lambda: _resolve_roles(user))


def roles_in(user: Any, network: Network) -> set[str]:
    return network_roles(user).get(network.pk, set())


# ---- predicates -------------------------------------------------------------------------------


def can_read_catalogue(user: Any, *, request: Any = None) -> bool:
    """Läsare: any signed-in user; Allmänheten only where the instance publishes it."""
    if getattr(user, "is_authenticated", False):
        return True
    coop = current_cooperation(request)
    return bool(coop and coop.publish_catalogue)


def can_see_contacts(user: Any) -> bool:
    """N6: contact details are for signed-in readers only (SPEC §6)."""
    return bool(getattr(user, "is_authenticated", False))


def can_see_network(user: Any, network: Network) -> bool:
    if getattr(user, "is_authenticated", False):
        return True
    return (
        network.in_catalogue
        and network.status in (Network.Status.ACTIVE, Network.Status.CLOSED)
        and can_read_catalogue(user)
    )


def can_read_internal(user: Any, network: Network) -> bool:
    """Medlem: the network's internal pages (history, members' details)."""
    return viewer_for(user).is_secretariat or bool(roles_in(user, network))


def can_edit_network(user: Any, network: Network) -> bool:
    """Samordnare edit their network; the secretariat edits every network."""
    return viewer_for(user).is_secretariat or bool(roles_in(user, network) & EDITOR_ROLES)


def can_manage_meetings(user: Any, network: Network) -> bool:
    """Samordnare and sekreterare (and the secretariat) keep the meetings; asked below the
    meetings room too (an agreement adopted at a meeting), so it sits with the roles."""
    return viewer_for(user).is_secretariat or bool(roles_in(user, network) & MEETING_ROLES)


def can_see_verdicts(user: Any, network: Network) -> bool:
    """The rules' verdicts on a network are for its coordinators and the secretariat."""
    return can_edit_network(user, network)


# ---- getters ----------------------------------------------------------------------------------


def require_network(
    user: Any, network: Network, *, need: Need = Need.READ, refusal: str | None = None
) -> None:
    """404 for one who may not know the network, 403 (with `refusal`, where the caller's room
    words it) for one who sees it but lacks the need."""
    if not can_see_network(user, network):
        raise Http404(_("Nätverket finns inte."))
    if need is Need.INTERNAL and not can_read_internal(user, network):
        raise PermissionDenied(refusal or _("Sidan är till för nätverkets medlemmar."))
    if need is Need.EDIT and not can_edit_network(user, network):
        raise PermissionDenied(refusal or _("Du får inte ändra i det här nätverket."))


def get_network_for(
    user: Any, slug: str, *, need: Need = Need.READ, refusal: str | None = None
) -> Network:
    network = Network.objects.select_related("area").filter(slug=slug).first()
    if network is None:
        raise Http404(_("Nätverket finns inte."))
    require_network(user, network, need=need, refusal=refusal)
    return network


def require_can_edit(user: Any, network: Network) -> None:
    """For services: the network is already in hand; changing it needs Need.EDIT."""
    if not can_edit_network(user, network):
        raise PermissionDenied(_("Du får inte ändra i det här nätverket."))


def get_membership_for(user: Any, slug: str, pk: int) -> Membership:
    """A membership, to end: the network's editors."""
    network = get_network_for(user, slug, need=Need.EDIT)
    return get_object_or_404(
        Membership.objects.select_related("person", "network"), pk=pk, network=network
    )


def get_network_verdicts_for(user: Any, slug: str) -> Network:
    """The network whose rule verdicts are read (can_see_verdicts)."""
    network = get_network_for(user, slug)
    if not can_see_verdicts(user, network):
        raise PermissionDenied(
            _("Nätverkets regelefterlevnad visas för dess samordnare och för sekretariatet.")
        )
    return network
