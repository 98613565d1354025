"""The agreement rules read the snapshot: the number of queries does not grow with networks."""

import datetime

from samverkan.agreements import matters as work
from samverkan.agreements import services
from samverkan.compliance.selectors import evaluate
from samverkan.networks.models import Network, Participation
from tests.agreements.helpers import SPEC_PARAMETERS
from tests.helpers import assert_same_queries, queries_of

DAY = datetime.date(2026, 6, 1)
RULES = ["PR1", "PR3", "CH2", "CH3", "CO2", "CO3", "F4"]


def add_networks(cast, n, offset=0):
    user = cast.user("secretariat")
    for i in range(offset, offset + n):
        net = Network.objects.create(
            name=f"N{i}", slug=f"n{i}", area=cast.area, status=Network.Status.ACTIVE
        )
        for m in list(cast.municipalities.values())[:4]:
            Participation.objects.create(
                network=net, municipality=m, joined_on=cast.network.started_on
            )
        services.adopt_agreement_version(
            user, net, text="T", parameters=SPEC_PARAMETERS, adopted_on=datetime.date(2024, 1, 1)
        )
        plan = services.save_business_plan(user, net, year=2026)
        services.save_focus_area(
            user, plan, name="A", municipalities=list(cast.municipalities.values())[:3], today=DAY
        )
        services.appoint_chairs(
            user,
            net,
            year=2026,
            municipalities=list(cast.municipalities.values())[:2],
            appointed_on=datetime.date(2025, 11, 1),
        )
        services.record_review(
            user, net, year=2025, outcome="evaluated", held_on=datetime.date(2025, 12, 1)
        )
    work.start_working_group(
        user, cast.network, name=f"G{offset}", contact=cast.people["member"], start_on=DAY
    )


def test_agreement_rules_constant_queries(cast):
    add_networks(cast, 3)
    few = queries_of(evaluate, Network.objects.all(), DAY, rule_ids=RULES)
    add_networks(cast, 12, offset=3)
    many = queries_of(evaluate, Network.objects.all(), DAY, rule_ids=RULES)
    assert_same_queries(few, many)
