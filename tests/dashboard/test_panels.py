"""Issue 17, part B: the dashboard's panels are bounded. The lifecycle panel counts its lists in
SQL and shows the first few, linking to the whole list; C1's inactive networks are found by
NOT EXISTS subqueries, the same as the rule's own reading of the activity."""

import contextlib
import datetime
from collections.abc import Iterator
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from samverkan.networks.lifecycle import sections as lifecycle_sections
from samverkan.networks.lifecycle import selectors as lifecycle
from samverkan.networks.lifecycle.activity import inactive_networks
from samverkan.networks.models import Network
from samverkan.reports import sections as report_sections
from tests.dashboard.test_dashboard_stored import store_everything
from tests.helpers import assert_same_queries, queries_of
from tests.networks.test_query_counts import add_networks

URL = reverse("dashboard:dashboard")
LONG_AGO = datetime.date(2020, 1, 1)


def add_inactive(cast, n: int, first: int = 0) -> None:
    add_networks(cast, n, first=first)
    Network.objects.filter(slug__startswith="natverk-").update(started_on=LONG_AGO)


@pytest.mark.parametrize("days", [0, -400, 800])
def test_inactive_in_sql_is_the_rule_s_reading_of_the_activity(cast, days):
    add_inactive(cast, 6)
    recent = timezone.localdate() - datetime.timedelta(days=30)
    Network.objects.filter(slug__in=["natverk-0000", "natverk-0001"]).update(started_on=recent)
    today = timezone.localdate() + datetime.timedelta(days=days)
    expected = sorted(n.slug for n, _last in inactive_networks(today))
    assert sorted(lifecycle.inactive_queryset(today).values_list("slug", flat=True)) == expected


def test_lifecycle_panel_shows_a_page_and_links_to_the_whole_list(cast, client_for):
    add_inactive(cast, 25)
    client = client_for("secretariat")
    body = client.get(URL).content.decode()
    total = len(inactive_networks(timezone.localdate()))
    assert total >= 25
    assert f"Alla {total} nätverk utan aktivitet" in body
    assert body.count("senast ") <= lifecycle.PANEL_ROWS + 1
    link = reverse("dashboard:lifecycle", args=["inaktiva"])
    assert link in body
    full = client.get(link)
    assert full.status_code == 200
    assert full.context["page"].paginator.count == total
    assert "natverk-0024" in full.content.decode()


def test_lifecycle_panel_flat_in_queries(cast, client_for):
    client = client_for("secretariat")
    add_inactive(cast, 12)
    store_everything()
    few = queries_of(client.get, URL)
    add_inactive(cast, 120, first=12)
    store_everything()
    many = queries_of(client.get, URL)
    assert_same_queries(few, many)


@pytest.mark.parametrize("kind", ["uppstart", "inaktiva", "startade", "avslutade"])
def test_lifecycle_lists_are_the_secretariat_s(cast, client_for, kind):
    url = reverse("dashboard:lifecycle", args=[kind])
    assert client_for("secretariat").get(url).status_code == 200
    assert client_for("coordinator").get(url).status_code == 403


def test_unknown_lifecycle_list_is_not_found(cast, client_for):
    url = reverse("dashboard:lifecycle", args=["okand"])
    assert client_for("secretariat").get(url).status_code == 404


def test_kept_panels_cost_no_queries_again_and_a_proposal_shows_on_the_next_visit(
    cast, client_for, settings
):
    """Issue 17: the lifecycle panel and the participation picture are the same for every
    secretariat officer until the recorded data change, so they are kept as fragments
    (history/fragments.py, as production keeps them): a second visit reads neither again,
    and a proposal made through the service (a history entry) is on the very next visit."""
    from django.core.cache import caches

    from samverkan.networks.lifecycle.services import propose_network

    settings.CACHES = {
        **settings.CACHES,
        "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["fragments"].clear()
    store_everything()
    client = client_for("secretariat")
    first = queries_of(client.get, URL)
    again = queries_of(client.get, URL)
    assert len(first) - len(again) >= 10, (len(first), len(again))
    assert not any("networks_participation" in q and "GROUP BY" in q for q in again.sql)
    assert "Läsfrämjandenätverket" not in client.get(URL).content.decode()
    propose_network(
        cast.user("secretariat"), name="Läsfrämjandenätverket", area=cast.area, reason="Läsning"
    )
    assert "Läsfrämjandenätverket" in client.get(URL).content.decode()
    caches["fragments"].clear()


@contextlib.contextmanager
def panels_built() -> Iterator[tuple[mock.MagicMock, mock.MagicMock]]:
    """The lifecycle panel's and the participation picture's builders, counting their calls."""
    with (
        mock.patch.object(
            lifecycle_sections, "dashboard_lifecycle", wraps=lifecycle_sections.dashboard_lifecycle
        ) as lifecycle,
        mock.patch.object(
            report_sections, "participation_matrix", wraps=report_sections.participation_matrix
        ) as picture,
    ):
        yield lifecycle, picture


def test_kept_panels_outlive_a_year_plan_saved_and_follow_a_participation(
    cast, client_for, kept_fragments
):
    """Issue 17: each kept panel names the models it shows (history/fragments.py), so saving a
    year plan, which neither panel shows, does not rebuild them on the next dashboard (it cost
    60 of the 100 ms of a dashboard right after a write, for 2,000 networks); a municipality
    leaving a network does rebuild the participation picture, and the change shows."""

    from samverkan.networks import services

    store_everything()
    client = client_for("secretariat")
    client.get(URL)
    with panels_built() as (lifecycle, picture):
        services.save_year_plan(
            cast.user("coordinator"),
            cast.network,
            year=timezone.localdate().year,
            purpose="Vi samverkar.",
            goals="Nya mål för året.",
            meeting_organisation="Fyra möten.",
            contribution="",
            development_areas=[],
        )
        assert client.get(URL).status_code == 200
        assert (lifecycle.call_count, picture.call_count) == (0, 0)

        before = client.get(URL).content.decode()
        participation = cast.network.participations.filter(left_on__isnull=True).first()
        participation.left_on = timezone.localdate() - datetime.timedelta(days=1)
        participation.save()  # recorded in the history, as every save is
        after = client.get(URL).content.decode()
        assert (lifecycle.call_count, picture.call_count) == (1, 1)
    assert after != before


def test_a_new_worker_finds_the_kept_panels_in_the_shared_cache(cast, client_for, kept_fragments):
    """Issue 17: the panels are dear to build (60 ms for 2,000 networks) and kept in the cache
    all processes share as well, so a worker that has just started (its own memory empty)
    shows them without building them, as they were; so does a worker whose shared copy
    cannot be read (an older version's): it builds the panel again."""
    from django.core.cache import caches

    from samverkan.history import fragments

    store_everything()
    client = client_for("secretariat")
    client.get(URL)
    first = client.get(URL).content.decode()
    with panels_built() as (lifecycle, picture):
        caches["fragments"].clear()  # a new worker process
        again = client.get(URL).content.decode()
        assert (lifecycle.call_count, picture.call_count) == (0, 0)
        assert again.split('id="lifecycle-h"')[1] == first.split('id="lifecycle-h"')[1]

        caches["fragments"].clear()
        shared = caches["default"]
        read = type(shared).get

        def unreadable(self: object, key: str, *args: object, **kwargs: object) -> object:
            if key.startswith(fragments.SHARED_PREFIX):
                raise ValueError("kept by an older version")
            return read(self, key, *args, **kwargs)

        with mock.patch.object(type(shared), "get", unreadable):
            assert client.get(URL).status_code == 200
        assert (lifecycle.call_count, picture.call_count) == (1, 1)
