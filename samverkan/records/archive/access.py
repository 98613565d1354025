"""Who downloads a closed network's archive package: the secretariat (issue 15 §4)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from samverkan.networks.access import get_network_for
from samverkan.networks.models import Network
from samverkan.people.access import is_secretariat


def can_archive(user: Any, network: Network) -> bool:
    return network.status == Network.Status.CLOSED and is_secretariat(user)


def get_network_to_archive(user: Any, slug: str) -> Network:
    """404 to one who may not see the network, 403 to one who sees it but is not the
    secretariat."""
    network = get_network_for(user, slug)
    if not is_secretariat(user):
        raise PermissionDenied(_("Arkivpaketet hämtas av sekretariatet."))
    return network
