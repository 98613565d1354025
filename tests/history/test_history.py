"""The history of every change: who, when, what, in one place (STYLE habit 3)."""

from django.urls import reverse

from samverkan.history.models import HistoryEntry
from samverkan.networks import services
from samverkan.networks.models import Network


def test_service_change_is_recorded_with_actor_verb_and_old_and_new_values(cast, client_for):
    plan = services.save_year_plan(
        cast.user("coordinator"),
        cast.network,
        year=2026,
        purpose="Första",
        goals="Mål",
        meeting_organisation="Möten",
        contribution="Bidrag",
    )
    services.save_year_plan(
        cast.user("secretariat"),
        cast.network,
        year=2026,
        purpose="Andra",
        goals="Mål",
        meeting_organisation="Möten",
        contribution="Bidrag",
        expected_version=plan.version,
    )
    entry = HistoryEntry.objects.filter(network=cast.network, action=HistoryEntry.Action.UPDATE)
    entry = entry.get(verb="save_year_plan")
    assert entry.actor == cast.user("secretariat")
    assert entry.changes["purpose"] == ["Första", "Andra"]
    page = client_for("coordinator").get(reverse("networks:detail", args=[cast.network.slug]))
    body = page.content.decode()
    # Issue 16, point 12: the page names the person, in words, with the new text.
    assert "Selma Sekretariat ändrade syftet i årsplanen 2026" in body and "Andra" in body


def test_deleting_a_network_in_the_admin_keeps_its_history(cast):
    network = Network.objects.create(name="Tillfälligt", slug="tillfalligt", area=cast.area)
    network_id = network.pk
    network.delete()
    gone = HistoryEntry.objects.filter(action=HistoryEntry.Action.DELETE, object_pk=network_id)
    assert gone.count() == 1
    assert gone.get().additional_data["network_id"] == network_id
