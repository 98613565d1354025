"""Issue 17, part B: the network page's checklist reads the network's stored verdicts (current:
a stale network is evaluated and stored first) and says when they were computed."""

from django.utils import timezone

from samverkan.compliance.selectors import evaluate
from samverkan.networks import services
from samverkan.networks.models import Membership
from tests.dashboard.test_dashboard_stored import evaluated, store_everything  # noqa: F401


def statuses(verdicts) -> dict[str, str]:
    return {v.rule_id: v.status for v in verdicts}


def test_checklist_is_stored_and_shows_when_computed(cast, client_for, evaluated):  # noqa: F811
    store_everything()
    evaluated.clear()
    response = client_for("secretariat").get(cast.network.get_absolute_url())
    checklist = response.context["checklist"]
    assert evaluated == []
    fresh = evaluate([cast.network], timezone.localdate())[0].verdicts.values()
    assert statuses(checklist.verdicts.values()) == statuses(fresh)
    assert "Beräknat " in response.content.decode()


def test_checklist_after_a_write_is_the_new_one(cast, client_for, evaluated):  # noqa: F811
    store_everything()
    evaluated.clear()
    coordinator = Membership.objects.get(network=cast.network, role=Membership.Role.COORDINATOR)
    services.end_membership(cast.user("secretariat"), coordinator, end_on=timezone.localdate())
    checklist = client_for("secretariat").get(cast.network.get_absolute_url()).context["checklist"]
    assert evaluated == [[cast.network.pk]]  # that network, one snapshot for both languages
    fresh = evaluate([cast.network], timezone.localdate())[0].verdicts.values()
    assert statuses(checklist.verdicts.values()) == statuses(fresh)


def test_checklist_hidden_from_those_who_may_not_see_it(cast, client_for):
    response = client_for("reader").get(cast.network.get_absolute_url())
    assert response.context["checklist"] is None
