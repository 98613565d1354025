"""A page and its API route read through one selector or service (issue 11, item 5): the API
answers what the selector says, and the page shows the same."""

import datetime

from django.urls import reverse
from django.utils import timezone

from samverkan.agreements import selectors as agreement_selectors
from samverkan.agreements import services as agreement_services
from samverkan.meetings import feeds
from samverkan.meetings.models import CalendarFeed
from samverkan.networks.models import Network, Participation
from samverkan.networks.municipalities.selectors import (
    municipality_networks,
    pending_consultations,
)
from tests.cast import START


def test_one_feed_action_for_the_pages_and_the_api(cast):
    user, person = cast.user("member"), cast.people["member"]
    assert feeds.change_feed(user, "revoke", person=person) == feeds.FeedChange("", None)
    created = feeds.change_feed(user, "create", person=person)
    assert created.done == "created" and created.feed is not None
    assert feeds.change_feed(user, "create", person=person).feed == created.feed
    assert feeds.change_feed(user, "other", person=person) == feeds.FeedChange("", created.feed)
    renewed = feeds.change_feed(user, "renew", person=person)
    assert renewed.done == "renewed" and renewed.feed not in (None, created.feed)
    assert feeds.change_feed(user, "revoke", person=person) == feeds.FeedChange("revoked", None)
    assert not CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).exists()
    again = feeds.change_feed(user, "renew", person=person)  # nothing live: a new one
    assert again.done == "created" and again.feed is not None


def test_municipality_page_and_api_read_the_same_networks(cast, api_as, client_for):
    helsingborg = cast.muni("Helsingborg")
    Participation.objects.filter(network=cast.other_network).update(
        left_on=datetime.date(2024, 1, 1)
    )
    closed = Network.objects.create(
        name="Avslutade nätverket",
        slug="avslutat",
        area=cast.area,
        status=Network.Status.CLOSED,
        started_on=START,
        closed_on=datetime.date(2025, 6, 30),
    )
    Participation.objects.create(network=closed, municipality=helsingborg, joined_on=START)
    proposed = Network.objects.create(
        name="Nya nätverket", slug="nytt", area=cast.area, status=Network.Status.PROPOSED
    )
    Participation.objects.create(
        network=proposed, municipality=helsingborg, invited_on=timezone.localdate()
    )
    networks = municipality_networks(helsingborg, timezone.localdate())
    assert [p.network for p in networks.current] == [cast.network]
    assert [p.network for p in networks.left] == [cast.other_network]
    assert [p.network for p in networks.closed] == [closed]
    assert [p.network for p in pending_consultations(helsingborg)] == [proposed]

    status, body = api_as("reader").json("/api/v1/municipalities/helsingborg")
    assert status == 200
    assert [n["network"] for n in body["taking_part"]] == ["socialchefsnatverket"]
    assert [n["network"] for n in body["left"]] == ["it-chefsnatverket"]
    assert body["pending_consultations"] == ["nytt"]
    html = (
        client_for("reader")
        .get(reverse("municipalities:detail", args=["helsingborg"]))
        .content.decode()
    )
    assert "Avslutade nätverket" in html and "Nya nätverket" in html


def test_business_plan_page_and_api_show_one_summary(cast, api_as):
    year = timezone.localdate().year + 1
    path = f"/api/v1/networks/socialchefsnatverket/business-plans/{year}"
    assert agreement_selectors.business_plan(cast.network, year) is None
    empty = agreement_selectors.business_plan_summary(cast.network, year, None)
    assert (empty.rows, empty.needed, empty.qualifying, empty.participating) == ([], 0, 0, 11)
    status, _body = api_as("member").json(path)
    assert status == 404

    coordinator = cast.user("coordinator")
    plan = agreement_services.save_business_plan(coordinator, cast.network, year=year)
    agreement_services.save_focus_area(
        coordinator, plan, name="Område", municipalities=[cast.muni("Bjuv"), cast.muni("Klippan")]
    )
    summary = agreement_selectors.business_plan_summary(
        cast.network, year, agreement_selectors.business_plan(cast.network, year)
    )
    assert [r.reach for r in summary.rows] == [2] and summary.participating == 11
    status, body = api_as("member").json(path)
    assert status == 200
    assert (body["threshold"], body["qualifying"]) == (summary.needed, summary.qualifying)
    assert [a["reach"] for a in body["focus_areas"]] == [2]
