"""The way to a closed network's archive package, on the network's page, for the secretariat."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.core.plugins import section
from samverkan.networks.models import Network
from samverkan.records.archive.access import can_archive


@section("network.links", "records.archive", "records/archive/_network_link.html", order=90)
def archive_link(
    request: HttpRequest, network: Network, today: datetime.date
) -> dict[str, Any] | None:
    if not can_archive(request.user, network):
        return None
    return {"network": network}
