"""The Atom feed of catalogue changes (issue 16, part D): a network started, closed, a year plan
adopted, newest first; and the public page "Om samverkan" (point 11)."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import reverse

from samverkan.networks import services
from samverkan.networks.lifecycle import services as lifecycle_services
from samverkan.networks.models import Network
from tests.helpers import capture_queries

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = "/natverk/andringar.atom"


@pytest.fixture
def published(cast):
    cast.cooperation.publish_catalogue = True
    cast.cooperation.save()
    return cast


def entries(response) -> list[dict[str, str]]:
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [
        {
            "title": e.findtext(f"{ATOM}title") or "",
            "id": e.findtext(f"{ATOM}id") or "",
            "link": e.find(f"{ATOM}link").get("href") or "",  # type: ignore[union-attr]
            "updated": e.findtext(f"{ATOM}updated") or "",
            "summary": e.findtext(f"{ATOM}summary") or "",
        }
        for e in root.findall(f"{ATOM}entry")
    ]


def adopt_plan(cast, network: Network, year: int, purpose: str) -> None:
    coordinator = cast.user("secretariat")
    plan = services.save_year_plan(
        coordinator,
        network,
        year=year,
        purpose=purpose,
        goals="Dela kunskap",
        meeting_organisation="Fyra möten",
        contribution="Livskvalitet",
    )
    services.adopt_year_plan(coordinator, plan, today=datetime.date(year - 1, 12, 10))


def test_the_feed_tells_of_networks_started_closed_and_plans_adopted(published):
    adopt_plan(published, published.network, 2026, "Stärka socialtjänsten")
    lifecycle_services.close_network(
        published.user("secretariat"),
        published.other_network,
        reason="Uppdraget är slutfört",
        today=datetime.date(2026, 3, 1),
    )
    found = entries(Client().get(FEED))
    titles = [e["title"] for e in found]
    assert titles[0] == "IT-chefsnätverket har avslutats"
    assert "Socialchefsnätverket har antagit årsplanen 2026" in titles
    assert "Socialchefsnätverket har startat" in titles
    assert "IT-chefsnätverket har startat" in titles
    plan = next(e for e in found if "årsplanen" in e["title"])
    assert "Stärka socialtjänsten" in plan["summary"]
    assert plan["link"] == "http://testserver/natverk/socialchefsnatverket/"
    # one id per change, absolute, stable between reads
    assert len({e["id"] for e in found}) == len(found)
    assert all(e["id"].startswith("http") for e in found)
    assert entries(Client().get(FEED)) == found
    # nothing the catalogue does not show: no reason for closing, no contact details
    body = Client().get(FEED).content.decode()
    assert "Kim Samordnare" not in body and "Uppdraget är slutfört" not in body


def test_the_feed_leaves_out_networks_outside_the_catalogue(published):
    Network.objects.filter(pk=published.other_network.pk).update(in_catalogue=False)
    titles = [e["title"] for e in entries(Client().get(FEED))]
    assert titles == ["Socialchefsnätverket har startat"]


def test_the_feed_costs_the_same_queries_for_many_networks(published, settings):
    settings.CATALOGUE_FEED_ITEMS = 5
    with capture_queries() as few:
        Client().get(FEED)
    for i in range(12):
        network = Network.objects.create(
            name=f"Nätverk {i}",
            slug=f"natverk-{i}",
            area=published.area,
            status=Network.Status.ACTIVE,
            started_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
        )
        adopt_plan(published, network, 2026, f"Syfte {i}")
    with capture_queries() as many:
        response = Client().get(FEED)
    assert len(entries(response)) == 5
    assert len(many) == len(few), many.listing()


def test_the_feed_of_an_unpublished_catalogue_asks_for_sign_in(cast, client_for):
    response = Client().get(FEED)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]
    assert entries(client_for("reader").get(FEED))


def test_the_feed_speaks_english_to_an_english_reader(published):
    response = Client().get(FEED, headers={"Accept-Language": "en"})
    titles = [e["title"] for e in entries(response)]
    assert "Socialchefsnätverket has started" in titles


# ---- Om samverkan ----------------------------------------------------------------------------


def test_anyone_reads_about_the_cooperation_its_plan_areas_and_agreement(cast):
    cast.cooperation.purpose = "Samverkan för invånarnas bästa"
    cast.cooperation.agreement_text = "Kommunerna samarbetar enligt detta avtal."
    cast.cooperation.save()
    area = cast.development_areas[0]
    area.description = "Ett gott liv i hela regionen"
    area.goal = "Fler i arbete"
    area.save()
    with capture_queries() as queries:
        response = Client().get(reverse("site:about"))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "Om Familjen Helsingborg",
        "Samverkan för invånarnas bästa",
        "Utvecklingsplan 2020–2030",
        "Vision",
        "Verksamhetsidé",
        "Livskvalitet",
        "Ett gott liv i hela regionen",
        "Fler i arbete",
        "Digitalisering",
        "Kommunerna samarbetar enligt detta avtal.",
    ):
        assert text in page, text
    assert len(queries) <= 6, queries.listing()
    assert f'href="{reverse("site:about")}"' in Client().get("/").content.decode()  # footer


def test_about_says_so_when_no_development_plan_holds_this_year(cast):
    cast.development_plan.delete()
    page = Client().get(reverse("site:about")).content.decode()
    assert "Ingen utvecklingsplan gäller i år." in page
