"""Issue 17, part B: the yearly report counts the verdicts per rule from the stored rows (one
GROUP BY), the same as a fresh evaluation; a year no longer stored is evaluated fresh."""

import pytest
from django.utils import timezone

from samverkan.compliance.registry import as_of_for_year
from samverkan.compliance.selectors import evaluate, summary
from samverkan.networks.models import Network
from samverkan.reports.yearly import yearly_report


@pytest.mark.parametrize("back", [0, 1, 5])
def test_yearly_counts_equal_a_fresh_evaluation(cast, back):
    today = timezone.localdate()
    year = today.year - back
    report = yearly_report(year, today)
    checked = [n for n in report["active"] if n.status == Network.Status.ACTIVE]
    fresh = summary(evaluate(checked, as_of_for_year(year, today))) if checked else {}
    counts = {rule: c for rule, c in report["counts"].items() if any(c.values())}
    assert counts == fresh
