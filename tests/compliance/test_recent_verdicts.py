"""The dashboard reuses a process's verdicts until something recorded changes."""

import datetime

from samverkan.compliance import selectors
from samverkan.compliance.registry import Status
from samverkan.networks import services
from samverkan.networks.models import Membership, Network
from tests.helpers import assert_queries, queries_of

DAY = datetime.date(2026, 6, 15)


def test_verdicts_reused_until_a_recorded_change_N4(cast, settings):
    settings.COMPLIANCE_CACHE_SECONDS = 60
    selectors._recent.clear()
    networks = Network.objects.order_by("name")
    first = selectors.evaluate_recent(networks, DAY)
    # the history marker
    assert_queries(queries_of(selectors.evaluate_recent, networks, DAY), exactly=1)
    assert selectors.evaluate_recent(networks, DAY) is first

    coordinator = Membership.objects.get(network=cast.network, role=Membership.Role.COORDINATOR)
    services.end_membership(cast.user("secretariat"), coordinator, end_on=DAY)
    later = selectors.evaluate_recent(networks, DAY + datetime.timedelta(days=1))
    row = next(r for r in later if r.network == cast.network)
    assert row.verdicts["N4"].status == Status.MISSING


def test_no_reuse_when_switched_off(cast, settings):
    settings.COMPLIANCE_CACHE_SECONDS = 0
    networks = Network.objects.order_by("name")
    assert selectors.evaluate_recent(networks, DAY) is not selectors.evaluate_recent(networks, DAY)
