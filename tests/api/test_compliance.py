"""The API's compliance document is the command's, from the same function."""

import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone


def command_json(*args: str) -> dict:
    out = io.StringIO()
    call_command("compliance", "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def shape(value):
    """The keys at every level, with leaves reduced to their type."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    return type(value).__name__


@pytest.mark.parametrize("year", [2025, timezone.localdate().year, 2030])
def test_api_document_equals_the_command_json(api_as, cast, year):
    status, body = api_as("secretariat").json("/api/v1/compliance", year=year)
    assert status == 200
    expected = command_json("--year", str(year))
    assert shape(body) == shape(expected)
    assert body == expected


def test_document_is_keyed_by_slug_and_rule_id(api_as, cast):
    _status, body = api_as("secretariat").json("/api/v1/compliance", year=2026)
    network = body["networks"]["socialchefsnatverket"]
    assert network["name"] == "Socialchefsnätverket"
    assert network["status"] == "active"
    assert {"N1", "N2", "N3", "N4", "N6"} <= set(network["rules"])
    n4 = network["rules"]["N4"]
    assert set(n4) == {"verdict", "explanation", "fix_url"}
    assert n4["verdict"] in {"ok", "warning", "missing", "not_applicable"}
    n1 = network["rules"]["N1"]
    assert n1["verdict"] == "missing"  # no plan this year in the cast
    assert n1["fix_url"].startswith("/natverk/socialchefsnatverket/")


def test_network_document_equals_the_command_for_that_network(api_as, cast):
    status, body = api_as("coordinator").json("/api/v1/compliance/socialchefsnatverket", year=2026)
    assert status == 200
    assert body == command_json("--year", "2026", "--network", "socialchefsnatverket")


def test_year_defaults_to_this_year(api_as, cast):
    _status, body = api_as("secretariat").json("/api/v1/compliance")
    assert body["year"] == timezone.localdate().year
    assert body["as_of"] == timezone.localdate().isoformat()
