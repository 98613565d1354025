"""The dashboard draws the participation heat map network by network while it stays readable,
and folded by area (SQL aggregates, bounded by municipalities × areas) past that (issue 17)."""

from django.urls import reverse
from django.utils import timezone

from samverkan.reports import sections as reports
from samverkan.reports.matrix import PARTICIPATES, area_participation, participation_matrix
from tests.helpers import assert_same_queries, queries_of
from tests.networks.test_query_counts import add_networks


def test_heat_map_on_dashboard_for_a_small_cooperation(cast, client_for):
    body = client_for("secretariat").get(reverse("dashboard:dashboard")).content.decode()
    assert "<svg" in body
    assert "Välj ett verksamhetsområde ovan" not in body


def test_large_cooperation_gets_the_map_folded_by_area(cast, client_for, monkeypatch):
    monkeypatch.setattr(reports, "HEAT_MAP_MAX_NETWORKS", 1)
    client = client_for("secretariat")
    body = client.get(reverse("dashboard:dashboard")).content.decode()
    assert "Välj ett verksamhetsområde ovan" in body
    assert "<svg" in body and cast.area.name in body
    assert reverse("reports:matrix") in body


def test_folded_map_counts_what_the_full_matrix_shows(cast):
    add_networks(cast, 5)
    day = timezone.localdate()
    full = participation_matrix(day)
    folded = area_participation(day)
    for m in full.municipalities:
        for area in folded.areas:
            expected = sum(
                1
                for n in full.networks
                if n.area_id == area.pk and full.cells.get((m.pk, n.pk)) == PARTICIPATES
            )
            assert folded.cells.get((m.pk, area.pk), 0) == expected, (m.name, area.name)


def test_folded_map_flat_in_queries_and_size(cast):
    day = timezone.localdate()
    add_networks(cast, 5)
    few = queries_of(area_participation, day)
    small = reports.area_heat_map(area_participation(day))
    add_networks(cast, 100, first=5)
    assert_same_queries(few, queries_of(area_participation, day))
    assert len(reports.area_heat_map(area_participation(day))) < len(small) + 50
