"""The catalogue: full-text search, filters, pagination and the htmx partial."""

import datetime

from django.urls import reverse

from samverkan.networks import services
from samverkan.networks.models import Network, Participation


def adopt(cast, network: Network, purpose: str) -> None:
    secretariat = cast.user("secretariat")
    plan = services.save_year_plan(
        secretariat,
        network,
        year=datetime.date.today().year,
        purpose=purpose,
        goals="Mål",
        meeting_organisation="Möten",
        contribution="Bidrag",
        development_areas=[cast.development_areas[3]] if "digital" in purpose else [],
    )
    services.adopt_year_plan(secretariat, plan)


def names(response) -> list[str]:
    return [entry.network.name for entry in response.context["rows"]]


def test_search_finds_words_of_the_adopted_plan(cast, client_for):
    adopt(cast, cast.other_network, "Gemensam digital infrastruktur och e-tjänster")
    client = client_for("reader")
    url = reverse("networks:catalogue")
    assert names(client.get(url, {"q": "E-TJÄNSTER"})) == ["IT-chefsnätverket"]
    assert names(client.get(url, {"q": "digital socialchef"})) == []
    assert set(names(client.get(url))) == {"IT-chefsnätverket", "Socialchefsnätverket"}


def test_filters_by_municipality_development_area_and_status(cast, client_for):
    adopt(cast, cast.other_network, "Gemensam digital infrastruktur")
    client = client_for("reader")
    url = reverse("networks:catalogue")
    assert names(client.get(url, {"municipality": "bjuv"})) == ["Socialchefsnätverket"]
    # A write that lands in the history, as every write does (history/coverage.py): the
    # catalogue's stored fragments are kept only until the next one.
    bjuv = Participation.objects.get(network=cast.network, municipality=cast.muni("Bjuv"))
    bjuv.left_on = datetime.date(2021, 1, 1)
    bjuv.save()
    assert names(client.get(url, {"municipality": "bjuv"})) == []
    assert names(client.get(url, {"development_area": "digitalisering"})) == ["IT-chefsnätverket"]
    cast.network.status = Network.Status.CLOSED
    cast.network.save()
    assert names(client.get(url)) == ["IT-chefsnätverket"]
    assert names(client.get(url, {"status": "closed"})) == ["Socialchefsnätverket"]


def test_pagination_and_empty_state(cast, client_for, settings):
    settings.CATALOGUE_PAGE_SIZE = 1
    client = client_for("reader")
    url = reverse("networks:catalogue")
    first = client.get(url)
    assert "Sida 1 av 2" in first.content.decode()
    second = client.get(url, {"sida": 2})
    assert names(second) != names(first)
    empty = client.get(url, {"q": "finnsinte"})
    assert "Inga nätverk matchar sökningen" in empty.content.decode()


def test_htmx_request_gets_only_the_results(cast, client_for):
    response = client_for("reader").get(
        reverse("networks:catalogue"),
        {"q": "socialchef"},
        headers={"HX-Request": "true", "HX-Target": "results"},
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "<html" not in body and "Socialchefsnätverket" in body


def test_bad_filter_values_do_not_crash(cast, client_for):
    response = client_for("reader").get(
        reverse("networks:catalogue"), {"municipality": "atlantis", "status": "x", "sida": "z"}
    )
    assert response.status_code == 200
