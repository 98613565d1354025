"""The catalogue inside the intranet (issue 16, part D): the page made for an iframe, framable
only by the configured origins; the snippet the secretariat copies; the public catalogue API
readable by the same origins' scripts (CORS)."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.csp import CSP

from samverkan.networks import services
from tests.helpers import capture_queries

INTRANET = "https://intranat.example.se"
ELSEWHERE = "https://annan.example.com"
EMBED = "/inbaddning/"


@pytest.fixture
def intranet(settings):
    settings.EMBED_ORIGINS = [INTRANET]
    settings.CORS_ALLOWED_ORIGINS = [INTRANET]
    return settings


@pytest.fixture
def published(cast):
    cast.cooperation.publish_catalogue = True
    cast.cooperation.save()
    return cast


def frame_ancestors(response) -> list[str]:
    policy = response[CSP.HEADER_ENFORCE]
    found = re.search(r"frame-ancestors ([^;]+)", policy)
    assert found, policy
    return found.group(1).split()


def test_the_intranet_may_frame_the_embed_page_and_no_one_else(published, intranet):
    response = Client().get(EMBED)
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'self'", INTRANET]
    assert "X-Frame-Options" not in response  # it cannot name origins; the CSP decides
    assert ELSEWHERE not in response[CSP.HEADER_ENFORCE]


def test_every_other_page_stays_unframable(published, intranet):
    for url in ("/", reverse("networks:catalogue"), reverse("site:about")):
        response = Client().get(url)
        assert frame_ancestors(response) == ["'none'"], url
        assert response["X-Frame-Options"] == "DENY", url


def test_without_configured_origins_only_samverkan_itself_frames_the_embed(published, settings):
    settings.EMBED_ORIGINS = []
    assert frame_ancestors(Client().get(EMBED)) == ["'self'"]


def test_report_only_mode_still_enforces_who_may_frame_the_embed(published, intranet):
    policy = dict(intranet.SECURE_CSP)
    intranet.SECURE_CSP = {}
    intranet.SECURE_CSP_REPORT_ONLY = policy
    response = Client().get(EMBED)
    assert response[CSP.HEADER_ENFORCE] == f"frame-ancestors 'self' {INTRANET}"
    assert f"frame-ancestors 'self' {INTRANET}" in response[CSP.HEADER_REPORT_ONLY]


def test_embed_lists_active_networks_with_purpose_and_no_contacts_N3(published, intranet):
    coordinator = published.user("coordinator")
    plan = services.save_year_plan(
        coordinator,
        published.network,
        year=2026,
        purpose="Stärka socialtjänsten i hela regionen",
        goals="Dela kunskap",
        meeting_organisation="Tio möten per år",
        contribution="Livskvalitet",
    )
    services.adopt_year_plan(coordinator, plan)
    with capture_queries() as queries:
        response = Client().get(EMBED)
    page = response.content.decode()
    assert "Socialchefsnätverket" in page and "IT-chefsnätverket" in page
    assert "Stärka socialtjänsten i hela regionen" in page
    assert "Kim Samordnare" not in page  # N6: no contact details on the intranet
    # every link to a network opens in the intranet's window, not inside the frame
    links = re.findall(r'<a href="/natverk/[^"]+"[^>]*>', page)
    assert links and all('target="_top"' in link for link in links)
    assert "<header" not in page and 'method="post"' not in page.lower()
    assert len(queries) <= 8, queries.listing()


def test_embed_filters_by_area_and_words(published, intranet):
    page = Client().get(EMBED, {"q": "IT-chefs"}).content.decode()
    assert "IT-chefsnätverket" in page and "Socialchefsnätverket" not in page
    page = Client().get(EMBED, {"area": "socialtjanst"}).content.decode()
    assert "Socialchefsnätverket" in page


def test_unpublished_catalogue_shows_a_sign_in_link_in_the_frame_not_the_networks(cast, intranet):
    response = Client().get(EMBED)
    assert response.status_code == 200  # a redirect to the sign-in page could not be framed
    page = response.content.decode()
    assert "Socialchefsnätverket" not in page
    assert "Katalogen visas för inloggade medarbetare." in page
    assert f'href="{reverse("networks:catalogue")}" target="_top"' in page


def test_the_secretariat_gets_the_snippet_to_paste_with_a_preview(cast, client_for, intranet):
    response = client_for("secretariat").get(
        reverse("site:embed_snippet"), {"area": "socialtjanst"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert '&lt;iframe src="http://testserver/inbaddning/?area=socialtjanst"' in page
    assert INTRANET in page
    assert 'class="embed-preview" src="/inbaddning/?area=socialtjanst"' in page
    assert "http://testserver/natverk/andringar.atom" in page
    assert "Katalogen är inte öppen för allmänheten" in page


def test_only_the_secretariat_sees_the_snippet(cast, client_for):
    url = reverse("site:embed_snippet")
    assert client_for("coordinator").get(url).status_code == 403
    assert Client().get(url).status_code == 302


# ---- CORS: the public catalogue API for the same origins -----------------------------------


def test_the_intranet_script_may_read_the_public_catalogue_api(published, intranet):
    response = Client().get("/api/v1/networks", headers={"Origin": INTRANET})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == INTRANET
    assert "Access-Control-Allow-Credentials" not in response  # never as a signed-in person
    assert response.json()["items"][0]["coordinators"][0]["email"] is None
    detail = Client().get("/api/v1/networks/socialchefsnatverket", headers={"Origin": INTRANET})
    assert detail["Access-Control-Allow-Origin"] == INTRANET


def test_another_origin_gets_no_cors_answer(published, intranet):
    response = Client().get("/api/v1/networks", headers={"Origin": ELSEWHERE})
    assert "Access-Control-Allow-Origin" not in response


def test_cors_is_for_the_catalogue_only_not_the_rest_of_the_api(published, intranet):
    for path in ("/api/v1/inbox", "/api/v1/networks/socialchefsnatverket/meetings"):
        response = Client().get(path, headers={"Origin": INTRANET})
        assert "Access-Control-Allow-Origin" not in response, path


def test_a_preflight_allows_reading_only(published, intranet):
    response = Client().options(
        "/api/v1/networks",
        headers={"Origin": INTRANET, "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == INTRANET
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
