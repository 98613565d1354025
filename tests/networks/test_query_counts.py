"""Pages that list networks make the same number of queries for 10 and for 200 networks."""

import datetime

from django.urls import reverse
from django.utils import timezone

from samverkan.compliance import stored
from samverkan.networks.models import Membership, Network, Participation, YearPlan
from samverkan.people.models import Person
from samverkan.reports import sections as reports
from tests.helpers import Queries, assert_same_queries, queries_of


def add_networks(cast, n: int, first: int = 0) -> None:
    start = datetime.date(2020, 1, 1)
    nets = Network.objects.bulk_create(
        Network(
            name=f"Nätverk {i:04d}",
            slug=f"natverk-{i:04d}",
            area=cast.area,
            status=Network.Status.ACTIVE,
            search_text=f"nätverk {i:04d}",
        )
        for i in range(first, first + n)
    )
    people = Person.objects.bulk_create(
        Person(name=f"Person {i}", email=f"p{i}@example.se", municipality=cast.muni("Bjuv"))
        for i in range(first, first + n)
    )
    Membership.objects.bulk_create(
        Membership(network=net, person=p, role=role, start_on=start)
        for net, p in zip(nets, people, strict=True)
        for role in (Membership.Role.MEMBER, Membership.Role.COORDINATOR)
    )
    Participation.objects.bulk_create(
        Participation(network=net, municipality=m, joined_on=start)
        for net in nets
        for m in list(cast.municipalities.values())[:6]
    )
    plans = YearPlan.objects.bulk_create(
        YearPlan(
            network=net,
            year=2026,
            purpose="Syfte",
            goals="Mål",
            meeting_organisation="Möten",
            contribution="Bidrag",
            state=YearPlan.State.ADOPTED,
            adopted_on=datetime.date(2025, 12, 1),
        )
        for net in nets
    )
    through = YearPlan.development_areas.through
    through.objects.bulk_create(
        through(yearplan_id=p.pk, developmentarea_id=cast.development_areas[0].pk) for p in plans
    )


def store_verdicts() -> None:
    stored.refresh_stale(Network.objects.all(), timezone.localdate().year, limit=-1)


def queries_for(client, url: str) -> Queries:
    return queries_of(client.get, url)


def test_catalogue_and_dashboard_flat_from_10_to_200_networks(
    cast, client_for, settings, monkeypatch
):
    settings.CATALOGUE_PAGE_SIZE = 500  # every network on one page, so rows really grow
    monkeypatch.setattr(reports, "HEAT_MAP_MAX_NETWORKS", 1000)  # the heat map at both sizes
    client = client_for("secretariat")
    add_networks(cast, 8)  # with the cast's two: 10
    catalogue_10 = queries_for(client, reverse("networks:catalogue"))
    store_verdicts()  # the dashboard reads stored rows (issue 17): current at both sizes
    dashboard_10 = queries_for(client, reverse("dashboard:dashboard"))
    add_networks(cast, 190, first=8)
    catalogue_200 = queries_for(client, reverse("networks:catalogue"))
    store_verdicts()
    dashboard_200 = queries_for(client, reverse("dashboard:dashboard"))
    assert Network.objects.count() == 200
    assert_same_queries(catalogue_10, catalogue_200)
    assert_same_queries(dashboard_10, dashboard_200)
