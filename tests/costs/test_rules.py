"""PR2 in the compliance registry."""

import datetime

from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.cooperation.models import Municipality
from samverkan.costs import services
from samverkan.networks.models import Participation

DAY = datetime.date(2024, 3, 15)


def verdict(network, day=datetime.date(2024, 6, 1)):
    return evaluate([network], day, rule_ids=["PR2"])[0].verdicts["PR2"]


def test_not_applicable_without_cost_sharing_PR2(cast):
    assert verdict(cast.network).status == Status.NOT_APPLICABLE


def test_warning_when_a_cost_lacks_allocation_PR2(cast, sharing):
    sharing(cast.network, "population")
    coordinator = cast.user("coordinator")
    services.record_cost(coordinator, cast.network, date=DAY, description="Kurs", amount_ore=500)
    assert verdict(cast.network).status == Status.OK
    nyby = Municipality.objects.create(code="1999", name="Nyby", slug="nyby")
    Participation.objects.create(network=cast.network, municipality=nyby, joined_on=DAY)
    services.record_cost(coordinator, cast.network, date=DAY, description="Resa", amount_ore=900)
    v = verdict(cast.network)
    assert v.status == Status.WARNING and "Resa" in v.explanation
    assert v.fix_url == f"/kostnader/natverk/{cast.network.slug}/"
