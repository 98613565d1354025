"""The dashboard draws the participation heat map only while it stays readable."""

from django.urls import reverse

from samverkan.reports import sections as reports


def test_heat_map_on_dashboard_for_a_small_cooperation(cast, client_for):
    body = client_for("secretariat").get(reverse("dashboard:dashboard")).content.decode()
    assert "<svg" in body
    assert "Välj ett verksamhetsområde ovan" not in body


def test_large_cooperation_is_asked_to_choose_an_area(cast, client_for, monkeypatch):
    monkeypatch.setattr(reports, "HEAT_MAP_MAX_NETWORKS", 1)
    client = client_for("secretariat")
    body = client.get(reverse("dashboard:dashboard")).content.decode()
    assert "Välj ett verksamhetsområde ovan" in body
    assert "<svg" not in body
    assert reverse("reports:matrix") in body
