"""Every cost allocation is in the history (PR2; SPEC §6 "every change in the history"; issue 13,
part 6). The shares were written with bulk_create, which sends no signal: none of the demo's
88 allocations had an entry. Now each share has one, with the actor and the service's verb,
filed under the network."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from samverkan.costs import services
from samverkan.costs.models import Allocation, Cost
from samverkan.history.models import HistoryEntry

DAY = datetime.date(2024, 3, 15)


def allocation_entries(cost: Cost, action: int = HistoryEntry.Action.CREATE):
    ids = [str(pk) for pk in Allocation.objects.filter(cost=cost).values_list("pk", flat=True)]
    return HistoryEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Allocation),
        object_pk__in=ids,
        action=action,
    )


def record(cast, description="Utbildningsdag", amount=10_000_000):
    return services.record_cost(
        cast.user("coordinator"),
        cast.network,
        date=DAY,
        description=description,
        amount_ore=amount,
        phase=Cost.Phase.DEVELOPMENT,
    )


def test_each_allocation_of_a_recorded_cost_has_an_entry_with_actor_and_verb_PR2(cast, sharing):
    sharing(cast.network, "population")
    cost = record(cast)
    rows = list(cost.allocations.select_related("municipality"))
    assert len(rows) == 11
    entries = {e.object_pk: e for e in allocation_entries(cost)}
    assert set(entries) == {str(a.pk) for a in rows}  # one entry per allocation row
    for allocation in rows:
        entry = entries[str(allocation.pk)]
        assert entry.actor == cast.user("coordinator")
        assert entry.verb == "record_cost"
        assert entry.network_id == cast.network.pk
        assert entry.changes["amount_ore"] == ["None", str(allocation.amount_ore)]
        assert entry.changes["municipality"][1] == str(allocation.municipality_id)


def test_a_credit_records_each_reversed_share_PR2(cast, sharing):
    sharing(cast.network, "equal")
    cost = record(cast, amount=1_100)
    credit = services.credit_cost(cast.user("secretariat"), cost, date=DAY)
    entries = list(allocation_entries(credit))
    assert len(entries) == credit.allocations.count() == 11
    assert {e.actor for e in entries} == {cast.user("secretariat")}
    assert {e.verb for e in entries} == {"credit_cost"}
    assert {e.changes["amount_ore"][1] for e in entries} == {"-100"}


def test_reallocating_records_the_old_shares_removed_and_the_new_ones_made_PR2(cast, sharing):
    sharing(cast.network, "equal")
    cost = record(cast, amount=1_100)
    old_ids = {str(pk) for pk in cost.allocations.values_list("pk", flat=True)}
    services.reallocate_cost(cast.user("coordinator"), cost)
    removed = HistoryEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Allocation),
        object_pk__in=old_ids,
        action=HistoryEntry.Action.DELETE,
        verb="reallocate_cost",
    )
    assert removed.count() == 11
    made = allocation_entries(cost).filter(verb="reallocate_cost")
    assert made.count() == 11


def test_the_network_page_history_shows_the_shares(cast, sharing, client_for):
    sharing(cast.network, "population")
    record(cast)
    page = client_for("coordinator").get(reverse("networks:detail", args=[cast.network.slug]))
    body = page.content.decode()
    assert "Kim Samordnare förde in andelen för Helsingborg" in body  # in words (issue 16, 12)
