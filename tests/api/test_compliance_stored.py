"""Issue 17, part B: the compliance API reads the stored verdicts; it is exact as the command
is (whatever is stale is evaluated first) and equals a fresh evaluation."""

from django.utils import timezone

from samverkan.compliance import stored
from samverkan.compliance.registry import as_of_for_year
from samverkan.compliance.selectors import evaluate, verdicts_document
from samverkan.networks.models import Network
from tests.dashboard.test_dashboard_stored import evaluated, store_everything  # noqa: F401


def test_api_equals_a_fresh_evaluation_even_with_nothing_stored(api_as, cast):
    year = timezone.localdate().year
    as_of = as_of_for_year(year, timezone.localdate())
    _status, body = api_as("secretariat").json("/api/v1/compliance", year=year)
    fresh = verdicts_document(evaluate(Network.objects.order_by("slug"), as_of), year, as_of)
    assert body == fresh


def test_api_evaluates_nothing_when_the_rows_are_current(api_as, cast, evaluated):  # noqa: F811
    store_everything()
    evaluated.clear()
    status, body = api_as("secretariat").json("/api/v1/compliance")
    assert status == 200 and set(body["networks"]) == set(
        Network.objects.values_list("slug", flat=True)
    )
    status, one = api_as("secretariat").json(f"/api/v1/compliance/{cast.network.slug}")
    assert status == 200 and list(one["networks"]) == [cast.network.slug]
    assert evaluated == []
    assert stored.stale_ids(Network.objects.all(), timezone.localdate().year) == []
