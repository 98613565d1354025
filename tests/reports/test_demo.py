"""Issue 8's demo data: allocated costs with a correction, a closed survey round with results,
the directors' group; P4 met and PR2 met for Socialchefsnätverket."""

import pytest
from django.utils import timezone

from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.costs.models import Cost
from samverkan.costs.selectors import municipality_year_summary
from samverkan.demo.build import load_demo
from samverkan.networks.models import Network
from samverkan.surveys.models import DirectorsGroupMember, Response, SurveyRound
from samverkan.surveys.selectors import round_results


@pytest.mark.django_db
def test_demo_costs_survey_and_directors():
    today = timezone.localdate()
    load_demo(today, invite=False)
    network = Network.objects.get(slug="socialchefsnatverket")
    costs = Cost.objects.filter(network=network)
    assert costs.filter(state=Cost.State.ALLOCATED).count() == costs.count() >= 4
    assert costs.filter(credit_of__isnull=False).count() == 1
    last = municipality_year_summary(today.year - 1)
    assert last.total == 87_500_00
    survey = SurveyRound.objects.get()
    assert survey.state == "closed" and Response.objects.filter(round=survey).exists()
    results = round_results(survey)
    assert results.groups and results.groups[0].key == "all"
    assert DirectorsGroupMember.objects.count() == 3
    verdicts = evaluate([network], today, rule_ids=["P4", "PR2"])[0].verdicts
    assert verdicts["P4"].status == Status.OK
    assert verdicts["PR2"].status == Status.OK
