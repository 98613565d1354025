"""Who may start, answer for, join, leave, close and export a network (STYLE habit 5).

Starting, inviting, activating, deciding requests and closing change the network itself and
ask `networks.access` (Need.EDIT); what is particular to the lifecycle sits here.
"""

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from samverkan.cooperation.access import is_management_contact
from samverkan.networks.access import Need, get_network_for
from samverkan.networks.models import Network, Participation, ParticipationRequest
from samverkan.people.access import viewer_for


def can_propose_network(user: Any) -> bool:
    """S1: any reader (a signed-in person) or the secretariat proposes a network."""
    viewer = viewer_for(user)
    return viewer.is_secretariat or viewer.person is not None


def can_answer_invitation(user: Any, participation: Participation) -> bool:
    """S1, S2: the municipality's management for the network's area answers; the secretariat
    may record an answer given to it."""
    if viewer_for(user).is_secretariat:
        return True
    return is_management_contact(user, participation.municipality, participation.network.area)


def get_participation_for(user: Any, slug: str, pk: int) -> Participation:
    """An invitation of a network the user may see (404 otherwise); whether the user may
    answer it is the service's question (can_answer_invitation)."""
    network = get_network_for(user, slug)
    return get_object_or_404(
        Participation.objects.select_related("municipality", "network__area"),
        pk=pk,
        network=network,
    )


def get_participation_request_for(user: Any, slug: str, pk: int) -> ParticipationRequest:
    """A request to join or leave, to decide: the network's editors (P1, P2)."""
    network = get_network_for(user, slug, need=Need.EDIT)
    return get_object_or_404(
        ParticipationRequest.objects.select_related("network", "municipality"),
        pk=pk,
        network=network,
    )


def get_network_to_export(user: Any, slug: str) -> Network:
    """C1: the archive export is for the network's members and the secretariat."""
    return get_network_for(
        user,
        slug,
        need=Need.INTERNAL,
        refusal=_("Exporten är till för nätverket och sekretariatet."),
    )
