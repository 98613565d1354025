"""What the catalogue routes answer: networks with their adopted plans, filters, pages,
municipalities."""

import datetime

import pytest
from django.utils import timezone

from samverkan.cooperation.models import Area, PopulationFigure
from samverkan.networks import services
from samverkan.networks.models import Network


@pytest.fixture
def adopted(cast):
    """Socialchefsnätverket with this year's plan adopted by its coordinator."""
    coordinator = cast.user("coordinator")
    year = timezone.localdate().year
    plan = services.save_year_plan(
        coordinator,
        cast.network,
        year=year,
        purpose="Samordna socialtjänsten",
        goals="Gemensamma riktlinjer",
        meeting_organisation="Sex möten om året",
        contribution="Bidrar till livskvalitet",
        development_areas=cast.development_areas[:1],
    )
    return services.adopt_year_plan(coordinator, plan)


def test_network_detail_has_the_adopted_plan_municipalities_and_coordinator(api_as, adopted):
    status, body = api_as("reader").json("/api/v1/networks/socialchefsnatverket")
    assert status == 200
    assert body["name"] == "Socialchefsnätverket"
    assert body["status"] == "active"
    assert body["status_label"] == "Aktivt"
    assert body["area"] == {"slug": "socialtjanst", "name": "Socialtjänst"}
    assert body["url"] == "http://testserver/natverk/socialchefsnatverket/"
    assert body["started_on"] == "2020-01-01"
    assert body["current_plan"] == {
        "year": adopted.year,
        "purpose": "Samordna socialtjänsten",
        "goals": "Gemensamma riktlinjer",
        "meeting_organisation": "Sex möten om året",
        "contribution": "Bidrar till livskvalitet",
        "adopted_on": adopted.adopted_on.isoformat(),
        "development_areas": [{"slug": "livskvalitet", "name": "Livskvalitet"}],
    }
    assert len(body["municipalities"]) == 11
    assert {"code": "1283", "slug": "helsingborg", "name": "Helsingborg"} in body["municipalities"]
    assert [c["name"] for c in body["coordinators"]] == ["Kim Samordnare"]


def test_a_draft_plan_is_not_the_current_plan(api_as, cast):
    services.save_year_plan(
        cast.user("coordinator"),
        cast.network,
        year=timezone.localdate().year,
        purpose="Utkast",
        goals="",
        meeting_organisation="",
        contribution="",
    )
    _status, body = api_as("reader").json("/api/v1/networks/socialchefsnatverket")
    assert body["current_plan"] is None


def slugs(caller, **params):
    status, body = caller.json("/api/v1/networks", **params)
    assert status == 200, body
    return [n["slug"] for n in body["items"]]


BOTH = ["it-chefsnatverket", "socialchefsnatverket"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, BOTH),
        ({"q": "socialchef"}, ["socialchefsnatverket"]),
        ({"q": "ingenting-matchar"}, []),
        ({"municipality": "landskrona"}, ["socialchefsnatverket"]),
        ({"municipality": "helsingborg"}, BOTH),
        ({"area": "socialtjanst"}, ["socialchefsnatverket"]),
        ({"area": "it"}, ["it-chefsnatverket"]),
        ({"development_area": "livskvalitet"}, ["socialchefsnatverket"]),
        ({"development_area": "infrastruktur"}, []),
        ({"status": "closed"}, []),
        ({"status": "all"}, BOTH),
    ],
)
def test_catalogue_filters(api_as, cast, adopted, params, expected):
    it = Area.objects.create(name="IT", slug="it")
    Network.objects.filter(pk=cast.other_network.pk).update(area=it)
    assert slugs(api_as("reader"), **params) == expected


def test_catalogue_pages_with_a_total_count(api_as, cast):
    for i in range(5):
        Network.objects.create(
            name=f"Nätverk {i}", slug=f"natverk-{i}", area=cast.area, status="active"
        )
    caller = api_as("reader")
    pages = []
    for offset in (0, 3, 6):
        status, body = caller.json("/api/v1/networks", limit=3, offset=offset)
        assert status == 200
        assert (body["count"], body["limit"], body["offset"]) == (7, 3, offset)
        pages.append([n["slug"] for n in body["items"]])
    first, second, third = pages
    assert len(first) == len(second) == 3 and len(third) == 1
    assert len(set(first + second + third)) == 7
    _status, body = caller.json("/api/v1/networks", limit=3, offset=30)
    assert body["items"] == [] and body["count"] == 7


def test_networks_left_out_of_the_catalogue_are_not_listed(api_as, cast):
    Network.objects.filter(pk=cast.other_network.pk).update(in_catalogue=False)
    assert slugs(api_as("reader")) == ["socialchefsnatverket"]


def test_municipalities_with_their_latest_population(api_as, cast):
    helsingborg = cast.muni("Helsingborg")
    PopulationFigure.objects.create(
        municipality=helsingborg,
        date=datetime.date(2023, 12, 31),
        population=151_000,
        source="SCB 2023",
    )
    helsingborg.member_to = datetime.date(2021, 12, 31)
    helsingborg.save()
    status, body = api_as("anonymous_published").json("/api/v1/municipalities")
    assert status == 200
    assert len(body) == 11
    by_code = {m["code"]: m for m in body}
    assert by_code["1283"] == {
        "code": "1283",
        "slug": "helsingborg",
        "name": "Helsingborg",
        "member_from": "2000-01-01",
        "member_to": "2021-12-31",
        "is_member": False,
        "population": {"population": 151_000, "date": "2023-12-31", "source": "SCB 2023"},
    }
    assert by_code["1214"]["population"]["population"] == 14466
    assert by_code["1214"]["is_member"] is True
