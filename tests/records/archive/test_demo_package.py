"""The demo's closed network, E-arkivnätverket, has meetings with agendas, attendance and
approved minutes, so that its archive package has content (issue 15, acceptance)."""

import json
import zipfile

import pytest
from django.utils import timezone

from samverkan.demo.build import load_demo
from samverkan.networks.models import Network
from samverkan.records.archive.mets import validation_errors
from samverkan.records.archive.services import archive_to_path


@pytest.mark.django_db
def test_demo_closed_network_package_has_its_meetings_and_minutes(tmp_path):
    load_demo(timezone.localdate(), invite=False)
    network = Network.objects.get(name="E-arkivnätverket")
    assert network.status == Network.Status.CLOSED
    path, result = archive_to_path(None, network.slug, tmp_path / "demo.zip", pdfs=False)
    with zipfile.ZipFile(path) as z:
        root = result.package_id
        assert validation_errors(z.read(f"{root}/METS.xml")) == []
        meetings = [n for n in z.namelist() if n.endswith("/meeting.json")]
        assert len(meetings) == 4
        for name in meetings:
            data = json.loads(z.read(name))
            assert data["minutes"]["state"] == "approved"
            assert data["attendance"] and data["agenda"]
        members = json.loads(z.read(f"{root}/representations/rep1/data/members.json"))
        assert all(m["end_on"] for m in members)  # everybody left when it closed
