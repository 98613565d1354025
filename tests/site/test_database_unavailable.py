"""While the database cannot be reached, every request is answered 503 with Retry-After: a
Swedish page for the site, JSON for the API (issue 18 §2). Requests are sent with the default
database pointing somewhere unreachable (a missing SQLite folder, a closed PostgreSQL port),
as during a restart."""

import contextlib
import socket
from collections.abc import Iterator

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client

from samverkan.api import services as api_services
from tests.conftest import second_factor_shown

RETRY_AFTER = "7"


@pytest.fixture(autouse=True)
def _retry_after(settings):
    settings.DATABASE_RETRY_AFTER_SECONDS = int(RETRY_AFTER)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def database_unreachable() -> Iterator[None]:
    """The default connection, in this thread, replaced by one that cannot connect."""
    original = connections[DEFAULT_DB_ALIAS]
    settings = dict(original.settings_dict)
    if original.vendor == "sqlite":
        settings["NAME"] = "/nonexistent-samverkan-18b/folder/samverkan.sqlite3"
    else:
        settings.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    connections[DEFAULT_DB_ALIAS] = type(original)(settings, alias=DEFAULT_DB_ALIAS)
    try:
        yield
    finally:
        connections[DEFAULT_DB_ALIAS] = original


def _assert_unavailable(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == RETRY_AFTER


def test_a_page_answers_503_with_a_swedish_page_while_the_database_is_down(cast):
    client = Client(raise_request_exception=False)
    with database_unreachable():
        response = client.get("/natverk/")
    _assert_unavailable(response)
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Tjänsten kan inte nå sin databas just nu." in html
    assert "Ladda om sidan om 7 sekunder." in html


def test_a_signed_in_request_failing_in_the_session_middleware_is_503_too(cast):
    """The session and the user are read by middleware, before any view: Django has made the
    error a 500 response there, which the outage middleware replaces."""
    client = Client(raise_request_exception=False)
    client.force_login(cast.user("coordinator"))
    second_factor_shown(client, cast.user("coordinator"))
    with database_unreachable():
        response = client.get(f"/natverk/{cast.network.slug}/")
    _assert_unavailable(response)
    assert "Tjänsten är tillfälligt otillgänglig" in response.content.decode()


def test_the_api_answers_503_json_while_the_database_is_down(cast):
    token = api_services.issue_token(None, cast.people["reader"], name="Test")[1]
    client = Client(raise_request_exception=False)
    with database_unreachable():
        response = client.get("/api/v1/networks", headers={"Authorization": f"Bearer {token}"})
    _assert_unavailable(response)
    assert response.json()["error"]["code"] == "unavailable"
    assert "databas" in response.json()["error"]["message"]


def test_the_page_is_in_english_for_an_english_browser(cast):
    client = Client(raise_request_exception=False, headers={"Accept-Language": "en"})
    with database_unreachable():
        response = client.get("/natverk/")
    _assert_unavailable(response)
    assert "cannot reach its database" in response.content.decode()


def test_a_page_answers_as_usual_once_the_database_is_back(cast):
    client = Client(raise_request_exception=False)
    with database_unreachable():
        assert client.get("/natverk/").status_code == 503
    assert client.get("/natverk/").status_code in (200, 302)


@pytest.mark.django_db(transaction=True)
def test_a_kept_connection_broken_by_a_restart_is_replaced_before_use():
    """CONN_HEALTH_CHECKS: after PostgreSQL dropped a kept connection (a restart), the next
    request's first query reconnects instead of failing."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server to restart")
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    other = type(connections[DEFAULT_DB_ALIAS])(dict(connection.settings_dict), alias="restart")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    connection.close_if_unusable_or_obsolete()  # what every request starts with
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
