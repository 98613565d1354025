"""Compliance checks S1-S4 (networks being started), C1 (inactivity) and N5 (material)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.material.services import add_material, mark_material_reviewed
from samverkan.networks.models import Network
from tests.helpers import assert_same_queries, queries_of
from tests.networks.starting_cast import DAY, propose


def verdicts(network, day=DAY):
    return evaluate(Network.objects.filter(pk=network.pk), day)[0].verdicts


def test_s1_to_s4_missing_for_a_fresh_proposal_S1_S2_S3_S4(cast):
    proposal = propose(cast, skip=("Bjuv",))
    v = verdicts(proposal.network)
    assert v["S1"].status == Status.MISSING
    assert "Bjuv" in v["S1"].explanation and "minst 6" in v["S1"].explanation
    assert v["S1"].fix_url.endswith("/uppstart/")
    assert v["S2"].status == Status.OK  # nobody said yes yet, so nobody unconsulted
    assert v["S3"].status == Status.MISSING
    assert v["S4"].status == Status.MISSING


def test_s1_to_s4_ok_when_ready_and_not_applicable_once_active_S1_S2_S3_S4(cast):
    proposal = propose(cast)
    proposal.make_ready()
    v = verdicts(proposal.network)
    assert {k: v[k].status for k in ("S1", "S2", "S3", "S4")} == dict.fromkeys(
        ("S1", "S2", "S3", "S4"), Status.OK
    )
    lifecycle.activate_network(cast.user("secretariat"), proposal.network, today=DAY)
    v = verdicts(proposal.network)
    assert {v[k].status for k in ("S1", "S2", "S3", "S4")} == {Status.NOT_APPLICABLE}


def test_c1_flags_a_network_without_activity_for_12_months_C1(cast):
    assert verdicts(cast.network, datetime.date(2020, 6, 1))["C1"].status == Status.OK
    late = verdicts(cast.network, datetime.date(2021, 3, 1))["C1"]
    assert late.status == Status.WARNING
    assert "2020-01-01" in late.explanation
    lifecycle.close_network(cast.user("secretariat"), cast.network, reason="Slut")
    assert verdicts(cast.network, datetime.date(2021, 3, 1))["C1"].status == Status.OK


def test_n5_warns_until_material_is_reviewed_N5(cast):
    assert verdicts(cast.network)["N5"].status == Status.NOT_APPLICABLE
    item = add_material(
        cast.user("coordinator"),
        cast.network,
        title="Affisch",
        file=SimpleUploadedFile("a.pdf", b"%PDF"),
    )
    assert verdicts(cast.network)["N5"].status == Status.WARNING
    mark_material_reviewed(cast.user("secretariat"), item)
    assert verdicts(cast.network)["N5"].status == Status.OK


def test_lifecycle_checks_cost_the_same_queries_for_one_or_many_proposals(cast):
    propose(cast)
    one = queries_of(evaluate, Network.objects.all(), DAY)
    for i in range(4):
        lifecycle.propose_network(
            cast.user("reader"), name=f"Förslag {i}", area=cast.area, reason="R", today=DAY
        )
    assert_same_queries(one, queries_of(evaluate, Network.objects.all(), DAY))
