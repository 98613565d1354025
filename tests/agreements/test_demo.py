"""The demo's Socialchefsnätverket carries seed 003's agreement with SPEC §2's parameters, and
its agreement checks come out as the demo means them."""

import datetime

import pytest

from samverkan.agreements import selectors
from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.demo import agreements as demo
from samverkan.demo.build import load_demo
from samverkan.networks.models import Network
from tests.agreements.helpers import SPEC_PARAMETERS

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def demo_network(db):
    load_demo(today=TODAY, invite=False)
    return Network.objects.get(slug=demo.SLUG)


def test_demo_agreement_has_spec_parameters_and_two_versions(demo_network):
    assert selectors.agreement_parameters(demo_network, on=TODAY).as_dict() == SPEC_PARAMETERS
    assert demo.SPEC_PARAMETERS == SPEC_PARAMETERS
    newer, older = selectors.versions(demo_network)
    diff = selectors.version_diff(older, newer)
    assert {c.name for c in diff.parameters} == {
        "substitutes_allowed",
        "review_at_last_meeting",
        "meetings_per_year",
    }
    assert [m.name for m in selectors.chair_municipalities(demo_network, 2026)] == [
        "Helsingborg",
        "Klippan",
    ]
    assert demo.load(TODAY) == 0  # idempotent


def test_demo_agreement_checks(demo_network):
    verdicts = evaluate([demo_network], TODAY)[0].verdicts
    got = {k: verdicts[k].status for k in ("PR1", "PR3", "CH2", "CH3", "CO2", "CO3", "F4")}
    assert got == {k: Status.OK for k in got}, {k: verdicts[k].explanation for k in got}
    november = evaluate([demo_network], datetime.date(2026, 11, 2))[0].verdicts
    assert november["CH2"].status == Status.WARNING  # next year's chairs are due
    assert november["CO3"].status == Status.WARNING  # next year's plan is a draft


def test_demo_pages_render_for_the_coordinator(demo_network):
    from django.test import Client

    from samverkan.people.models import User

    client = Client()
    client.force_login(User.objects.get(email="samordnare@demo.se"))
    base = f"/natverk/{demo.SLUG}/"
    for path in (
        "",
        "overenskommelse/",
        "overenskommelse/jamfor/",
        "samverkan/",
        "arenden/",
        "uppdrag/",
        "arbetsgrupper/",
        "verksamhetsplan/2026/",
        "ordforande/",
        "introduktion/",
        "overenskommelse/ny-version/",
    ):
        response = client.get(base + path)
        assert response.status_code == 200, path
    html = client.get(base + "arenden/").content.decode()
    assert "Region Skåne" in html
