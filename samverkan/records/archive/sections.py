"""The way to a closed network's archive package, on the network's page, for the secretariat."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.core.plugins import section
from samverkan.networks.models import Network
from samverkan.networks.nav import NavLink
from samverkan.records.archive.access import can_archive


@section("network.links", "records.archive", "records/archive/_network_link.html", order=90)
def archive_link(
    request: HttpRequest, network: Network, today: datetime.date
) -> dict[str, Any] | None:
    if not can_archive(request.user, network):
        return None
    # Issue 16 part C: the network page's grouped navigation (networks/nav.py)
    url = reverse("records:archive_package", args=[network.slug])
    label = _("Arkivpaket för kommunarkivet (FGS, zip)")
    return {"network": network, "nav": [NavLink("archive", label, url, 20, download=True)]}
