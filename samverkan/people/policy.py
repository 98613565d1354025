"""Every access decision in one place (STYLE habit 5).

Views, API routes and services ask these getters and predicates; none of them decides alone.
A reader who may not know an object exists gets 404; one who may see it but not change it, 403.
"""

import contextlib
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.cooperation.models import Cooperation
from samverkan.networks.models import Membership, Network
from samverkan.people.models import Person

Role = Membership.Role
EDITOR_ROLES = frozenset({Role.COORDINATOR})
MEETING_ROLES = frozenset({Role.COORDINATOR, Role.SECRETARY})


@dataclass
class Viewer:
    """Who is asking, with their roles resolved once per request."""

    user: Any
    person: Person | None
    is_secretariat: bool
    roles: dict[int, set[str]] = field(default_factory=dict)

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    def roles_in(self, network: Network) -> set[str]:
        return self.roles.get(network.pk, set())


def viewer_for(user: Any, *, today: datetime.date | None = None) -> Viewer:
    """Resolve a user's person and current network roles (one query, cached on the user)."""
    cached = getattr(user, "_samverkan_viewer", None)
    if cached is not None:
        return cached
    if user is None or not getattr(user, "is_authenticated", False):
        return Viewer(user=user, person=None, is_secretariat=False)
    person = Person.objects.filter(user=user).first()
    roles: dict[int, set[str]] = {}
    if person is not None:
        day = today or timezone.localdate()
        for network_id, role in (
            Membership.objects.on(day).filter(person=person).values_list("network_id", "role")
        ):
            roles.setdefault(network_id, set()).add(role)
    viewer = Viewer(
        user=user,
        person=person,
        is_secretariat=bool(getattr(user, "is_superuser", False))
        or bool(person and person.is_secretariat),
        roles=roles,
    )
    with contextlib.suppress(AttributeError):
        user._samverkan_viewer = viewer
    return viewer


def forget_viewer(user: Any) -> None:
    if hasattr(user, "_samverkan_viewer"):
        del user._samverkan_viewer


# ---- predicates -------------------------------------------------------------------------------


def can_read_catalogue(user: Any) -> bool:
    """Läsare: any signed-in user; Allmänheten only where the instance publishes it."""
    if getattr(user, "is_authenticated", False):
        return True
    coop = Cooperation.objects.order_by("pk").only("publish_catalogue").first()
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


def can_edit_network(user: Any, network: Network) -> bool:
    """Samordnare edit their network; the secretariat edits every network."""
    viewer = viewer_for(user)
    if viewer.is_secretariat:
        return True
    return bool(viewer.roles_in(network) & EDITOR_ROLES)


def can_manage_meetings(user: Any, network: Network) -> bool:
    viewer = viewer_for(user)
    return viewer.is_secretariat or bool(viewer.roles_in(network) & MEETING_ROLES)


def can_read_internal(user: Any, network: Network) -> bool:
    """Medlem: the network's internal pages (history, members' details)."""
    viewer = viewer_for(user)
    return viewer.is_secretariat or bool(viewer.roles_in(network))


def is_secretariat(user: Any) -> bool:
    return viewer_for(user).is_secretariat


# ---- getters ----------------------------------------------------------------------------------


def get_network_for(user: Any, slug: str, *, for_write: bool = False) -> Network:
    network = Network.objects.select_related("area").filter(slug=slug).first()
    if network is None or not can_see_network(user, network):
        raise Http404(_("Nätverket finns inte."))
    if for_write and not can_edit_network(user, network):
        raise PermissionDenied(_("Du får inte ändra i det här nätverket."))
    return network


def require_secretariat(user: Any) -> None:
    if not getattr(user, "is_authenticated", False):
        raise Http404
    if not is_secretariat(user):
        raise PermissionDenied(_("Sidan är till för sekretariatet."))


def require_can_edit(user: Any, network: Network) -> None:
    if not can_edit_network(user, network):
        raise PermissionDenied(_("Du får inte ändra i det här nätverket."))


def get_meeting_for(user: Any, slug: str, pk: int, *, for_write: bool = False) -> Any:
    """A network's meeting: members and the secretariat read it, the coordinator and secretary
    change it (can_manage_meetings); other readers get 403, strangers 404."""
    from samverkan.meetings.models import Meeting

    network = get_network_for(user, slug)
    meeting = (
        Meeting.objects.select_related("network", "host").filter(network=network, pk=pk).first()
    )
    if meeting is None:
        raise Http404(_("Mötet finns inte."))
    if not can_read_internal(user, network):
        raise PermissionDenied(_("Mötena är till för nätverkets medlemmar."))
    if for_write and not can_manage_meetings(user, network):
        raise PermissionDenied(_("Du får inte ändra nätverkets möten."))
    return meeting


def can_complete_onboarding_task(user: Any, task: Any) -> bool:
    """PR3: the representative named on an onboarding task, or an editor of its network."""
    viewer = viewer_for(user)
    if viewer.person is not None and viewer.person.pk == task.representative_id:
        return True
    return can_edit_network(user, task.network)


# ---- network lifecycle (issue 3) ----------------------------------------------------------


def is_management_contact(user: Any, municipality: Any, area: Any) -> bool:
    """Förvaltningsledning: the person is registered for this municipality and area."""
    from samverkan.cooperation.models import ManagementContact

    person = viewer_for(user).person
    return (
        person is not None
        and ManagementContact.objects.filter(
            person=person, municipality=municipality, area=area
        ).exists()
    )


def can_propose_network(user: Any) -> bool:
    """S1: any reader (a signed-in person) or the secretariat proposes a network."""
    viewer = viewer_for(user)
    return viewer.is_secretariat or viewer.person is not None


def can_answer_invitation(user: Any, participation: Any) -> bool:
    """S1, S2: the municipality's management for the network's area answers; the secretariat
    may record an answer given to it."""
    if is_secretariat(user):
        return True
    return is_management_contact(user, participation.municipality, participation.network.area)


def can_act_for_municipality(user: Any, municipality: Any) -> bool:
    """P1, P2: people employed by a municipality ask for it to join or leave a network."""
    viewer = viewer_for(user)
    if viewer.is_secretariat:
        return True
    return viewer.person is not None and viewer.person.municipality_id == municipality.pk


def can_manage_material(user: Any, network: Network) -> bool:
    """N5: the coordinator and secretary keep the network's material."""
    return can_manage_meetings(user, network)


def can_see_question(user: Any, question: Any) -> bool:
    """ST1: the thread is between the asker and the secretariat."""
    viewer = viewer_for(user)
    return viewer.is_secretariat or (
        viewer.person is not None and viewer.person.pk == question.asker_id
    )


def survey_result_networks(user: Any, survey: Any) -> set[int] | None:
    """P4/ST2: whose survey results a user may read. None = every network (the secretariat,
    at any time); a set = the networks a member or coordinator belongs to, once the round is
    closed; results go back to every network. Raises 404 for everyone else."""
    viewer = viewer_for(user)
    if viewer.is_secretariat:
        return None
    is_director = viewer.person is not None and hasattr(viewer.person, "directors_group")
    if survey.state != "closed" or not (viewer.roles or is_director):
        raise Http404
    return set(viewer.roles)


def can_see_costs(user: Any, network: Network) -> bool:
    """PR2: a network's costs and their allocation are internal to the network."""
    return can_read_internal(user, network)


def can_see_municipality_costs(user: Any, municipality: Any) -> bool:
    """PR2: a municipality's cost shares, for the secretariat and the municipality's own
    people (who are invoiced them)."""
    viewer = viewer_for(user)
    if viewer.is_secretariat:
        return True
    return viewer.person is not None and viewer.person.municipality_id == municipality.pk


def can_read_yearly_report(user: Any) -> bool:
    """The yearly report is for the municipal directors' group and the secretariat."""
    viewer = viewer_for(user)
    if viewer.is_secretariat:
        return True
    return viewer.person is not None and hasattr(viewer.person, "directors_group")
