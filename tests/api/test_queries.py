"""GET /networks makes the same number of queries for 10 and for 200 networks (STYLE 6, 7)."""

import datetime

import pytest
from django.utils import timezone

from samverkan.cooperation.models import Area
from samverkan.networks.models import Membership, Network, Participation, YearPlan
from samverkan.people.models import Person
from tests.helpers import Queries, assert_queries, assert_same_queries, queries_of


def build_networks(cast, area: Area, n: int) -> None:
    """n active networks, each with three municipalities, a coordinator and an adopted plan
    tagged with two development areas; bulk ORM, so that building 200 stays quick."""
    start = datetime.date(2020, 1, 1)
    year = timezone.localdate().year
    networks = Network.objects.bulk_create(
        Network(
            name=f"{area.name} {i:03}",
            slug=f"{area.slug}-{i:03}",
            area=area,
            status=Network.Status.ACTIVE,
            started_on=start,
        )
        for i in range(n)
    )
    munis = list(cast.municipalities.values())[:3]
    Participation.objects.bulk_create(
        Participation(network=net, municipality=m, joined_on=start)
        for net in networks
        for m in munis
    )
    people = Person.objects.bulk_create(
        Person(name=f"Samordnare {i}", email=f"s{i}@{area.slug}.example.se", municipality=munis[0])
        for i in range(n)
    )
    Membership.objects.bulk_create(
        Membership(network=net, person=p, role=Membership.Role.COORDINATOR, start_on=start)
        for net, p in zip(networks, people, strict=True)
    )
    plans = YearPlan.objects.bulk_create(
        YearPlan(
            network=net,
            year=year,
            purpose="Syfte",
            goals="Mål",
            meeting_organisation="Möten",
            contribution="Bidrag",
            state=YearPlan.State.ADOPTED,
            adopted_on=start,
        )
        for net in networks
    )
    through = YearPlan.development_areas.through
    through.objects.bulk_create(
        through(yearplan_id=plan.pk, developmentarea_id=area.pk)
        for plan in plans
        for area in cast.development_areas[:2]
    )


@pytest.mark.parametrize("who", ["anonymous_published", "reader", "secretariat"])
def test_network_list_queries_do_not_grow_with_networks(api_as, cast, who):
    caller = api_as(who)

    def queries_for(n: int) -> Queries:
        area = Area.objects.create(name=f"Test {n}", slug=f"test-{n}")
        build_networks(cast, area, n)
        params = {"limit": 200, "area": area.slug}
        body = caller.get("/api/v1/networks", **params).json()
        assert body["count"] == len(body["items"]) == n
        assert all(item["current_plan"]["development_areas"] for item in body["items"])
        assert all(item["coordinators"] and item["municipalities"] for item in body["items"])
        return queries_of(caller.get, "/api/v1/networks", **params)

    ten = queries_for(10)
    two_hundred = queries_for(200)
    assert_same_queries(ten, two_hundred)
    # The caller (token lookup, or the published flag for the public), the count, the page,
    # then the prefetches: adopted plans, their development areas, coordinators, municipalities.
    assert_queries(two_hundred, at_most=7)
