"""Issue 17 §4: the catalogue and a network's public page kept, rendered, until the data they
show changes (samverkan/history/fragments.py).

A repeated visit costs one query (the history's newest id) instead of a page's worth; any
change through a service, which lands in the history, shows on the very next request; what a
signed-in viewer sees is never handed to another kind of viewer."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from samverkan.history import fragments
from samverkan.history.fragments import data_version
from samverkan.networks.models import Network
from tests.helpers import assert_queries, queries_of
from tests.networks.test_catalogue import adopt

URL = reverse("networks:catalogue")


@pytest.fixture(autouse=True)
def kept_fragments(settings):
    """As in production (samverkan/settings.py), not the tests' default of keeping none.
    Every write in these tests goes through save() or a service, so it lands in the history."""
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["fragments"].clear()
    yield
    caches["fragments"].clear()


def publish(cast) -> None:
    cast.cooperation.publish_catalogue = True
    cast.cooperation.save()


def test_a_repeated_catalogue_visit_costs_one_query(cast, client):
    publish(cast)
    first = client.get(URL, {"q": "social"})
    again = queries_of(client.get, URL, {"q": "social"})
    assert_queries(again, exactly=1)  # the history's newest id, nothing else
    assert "Socialchefsnätverket" in first.content.decode()


def test_a_change_through_a_service_shows_on_the_next_catalogue_request(cast, client):
    publish(cast)
    assert "Vi delar kunskap om hemtjänst" not in client.get(URL).content.decode()
    adopt(cast, cast.network, "Vi delar kunskap om hemtjänst")
    assert "Vi delar kunskap om hemtjänst" in client.get(URL).content.decode()


def test_filters_and_pages_are_kept_apart(cast, client):
    publish(cast)
    social = client.get(URL, {"q": "social"}).content.decode()
    it = client.get(URL, {"q": "it-chef"}).content.decode()
    assert "Socialchefsnätverket" in social and "IT-chefsnätverket" not in social
    assert "IT-chefsnätverket" in it and "Socialchefsnätverket" not in it


def test_a_signed_in_reader_never_gets_the_public_fragment(cast, client, client_for):
    """N6: contact details are for signed-in readers only; the anonymous page leaves them out
    and a reader's page, asked for right after, has them."""
    publish(cast)
    coordinator = cast.people["coordinator"].name
    assert coordinator not in client.get(URL).content.decode()
    assert coordinator in client_for("reader").get(URL).content.decode()
    assert coordinator not in client.get(URL).content.decode()


def test_the_htmx_results_and_the_whole_page_are_kept_apart(cast, client):
    publish(cast)
    whole = client.get(URL, {"q": "social"}).content.decode()
    results = client.get(
        URL, {"q": "social"}, headers={"HX-Request": "true", "HX-Target": "results"}
    ).content.decode()
    assert "<html" in whole
    assert results.lstrip().startswith('<section id="results"') and "<html" not in results
    again = client.get(URL, {"q": "social"}, headers={"HX-Request": "true", "HX-Target": "results"})
    assert again.content.decode() == results


def test_a_repeated_public_network_page_costs_one_query_and_follows_changes(cast, client):
    publish(cast)
    url = cast.network.get_absolute_url()
    client.get(url)
    assert_queries(queries_of(client.get, url), exactly=1)
    adopt(cast, cast.network, "Ett nytt syfte för året")
    assert "Ett nytt syfte för året" in client.get(url).content.decode()


def test_a_network_leaving_the_catalogue_is_gone_from_its_public_page_at_once(cast, client):
    publish(cast)
    url = cast.network.get_absolute_url()
    assert client.get(url).status_code == 200
    network = Network.objects.get(pk=cast.network.pk)
    network.in_catalogue = False
    network.save()  # recorded in the history like every write
    assert client.get(url).status_code == 404


def test_the_secretariats_network_page_is_built_for_them_every_time(cast, client, client_for):
    publish(cast)
    url = cast.network.get_absolute_url()
    public = client.get(url).content.decode()
    secretariat = client_for("secretariat").get(url)
    assert secretariat.context["p"].can_edit  # built, not the public fragment
    assert secretariat.content.decode() != public


def test_the_history_in_words_is_kept_for_those_who_may_read_it_and_follows_changes(
    cast, client, client_for
):
    """Issue 17: the network page's history is the same for every viewer who may read it, so
    a signed-in page reads it once per change; a new entry is on the next request, and a
    viewer who may not read it (anonymous) never gets it."""
    url = cast.network.get_absolute_url()
    adopt(cast, cast.network, "Vi samlar erfarenheter")
    secretariat = client_for("secretariat")

    def reads_history(queries) -> bool:
        return any("history_historyentry" in q and "LIMIT 30" in q for q in queries.sql)

    assert reads_history(queries_of(secretariat.get, url))
    first = secretariat.get(url).content.decode()
    assert 'id="history-h"' in first
    assert not reads_history(queries_of(secretariat.get, url))
    assert (
        secretariat.get(url).content.decode().split('id="history-h"')[1]
        == first.split('id="history-h"')[1]
    )
    coordinator = client_for("coordinator").get(url).content.decode()
    assert 'id="history-h"' in coordinator  # the kept words, for another who may read them
    adopt(cast, cast.network, "Vi delar nu också verktyg")
    page = secretariat.get(url).content.decode()
    assert "Vi delar nu också verktyg" in page.split('id="history-h"')[1]
    publish(cast)
    assert 'id="history-h"' not in client.get(url).content.decode()


def test_a_fragment_with_a_visitors_token_is_never_kept(db):
    fragments.put("k1", '<form><input name="csrfmiddlewaretoken" value="x"></form>')
    fragments.put("k2", '<script nonce="abc"></script>')
    fragments.put("k3", "<p>Samma för alla</p>")
    assert fragments.get("k1") is None and fragments.get("k2") is None
    assert fragments.get("k3") == "<p>Samma för alla</p>"


def test_outside_a_request_the_version_is_read_every_time(cast):
    """A task or a command sees every change it makes: nothing is remembered between calls."""
    before = data_version()
    network = Network.objects.get(pk=cast.network.pk)
    network.description = "Ny beskrivning"
    network.save()
    assert data_version() > before
