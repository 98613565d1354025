"""Every error is JSON {"error": {"code", "message"}} with a Swedish message, never HTML."""

import json
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client, RequestFactory
from ninja.errors import HttpError

from samverkan.api.api import api
from samverkan.api.errors import ApiError
from samverkan.core.errors import ConflictError, RuleViolation, ServiceError


def body_of(response):
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return json.loads(response.content)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Inloggning krävs"),
        ("Bearer sv_not-a-real-token", "API-nyckeln är okänd."),
        ("Basic dXNlcjpwYXNz", "Skicka API-nyckeln som Authorization: Bearer"),
        ("Bearer ", "Skicka API-nyckeln som Authorization: Bearer"),
    ],
)
def test_unauthorized_is_json_401(cast, header, message):
    headers = {"Authorization": header} if header else {}
    response = Client().get("/api/v1/networks", headers=headers)
    assert response.status_code == 401
    body = body_of(response)
    assert body["error"]["code"] == "unauthorized"
    assert message in body["error"]["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_bad_token_is_401_even_where_the_catalogue_is_public(cast):
    """A wrong token never falls back to anonymous access."""
    cast.cooperation.publish_catalogue = True
    cast.cooperation.save()
    client = Client()
    assert client.get("/api/v1/networks").status_code == 200
    response = client.get("/api/v1/networks", headers={"Authorization": "Bearer sv_wrong"})
    assert response.status_code == 401


def test_forbidden_is_json_403(api_as):
    response = api_as("reader").get("/api/v1/compliance")
    assert response.status_code == 403
    assert body_of(response)["error"] == {
        "code": "forbidden",
        "message": "Det här är till för sekretariatet.",
    }


def test_unknown_network_is_json_404(api_as):
    response = api_as("reader").get("/api/v1/networks/finns-inte")
    assert response.status_code == 404
    assert body_of(response)["error"] == {"code": "not_found", "message": "Nätverket finns inte."}


@pytest.mark.parametrize(
    "path", ["/api/v1/finns-inte", "/api/v1/networks/a/b/c", "/api/v1/networks/", "/api/v1/x.json"]
)
def test_unknown_path_is_json_404(cast, path):
    response = Client().get(path)
    assert response.status_code == 404
    assert body_of(response)["error"]["code"] == "not_found"


def test_unknown_path_post_is_json_404_not_a_csrf_page(cast):
    response = Client(enforce_csrf_checks=True).post("/api/v1/finns-inte", {})
    assert response.status_code == 404
    assert body_of(response)["error"]["code"] == "not_found"


def test_wrong_method_is_json_405(api_as):
    response = api_as("reader").client.post(
        "/api/v1/networks", {}, headers=api_as("reader").headers()
    )
    assert response.status_code == 405
    assert body_of(response)["error"]["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"year": "1800"}, "year", "greater_than_equal"),
        ({"year": "tjugo"}, "year", "int_parsing"),
    ],
)
def test_invalid_compliance_query_is_422_by_field(api_as, params, field, code):
    response = api_as("secretariat").get("/api/v1/compliance", **params)
    assert response.status_code == 422
    error = body_of(response)["error"]
    assert error["code"] == "invalid"
    assert error["message"] == "Uppgifterna i begäran är ogiltiga."
    assert error["fields"][0]["field"] == field
    assert error["fields"][0]["in"] == "query"
    assert error["fields"][0]["code"] == code


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"limit": "0"}, "limit", "Minsta tillåtna värde är 1."),
        ({"limit": "201"}, "limit", "Största tillåtna värde är 200."),
        ({"offset": "-1"}, "offset", "Minsta tillåtna värde är 0."),
        ({"status": "bortglömt"}, "status", "Välj ett av"),
        ({"municipality": "<script>"}, "municipality", "Värdet har fel form."),
        ({"q": "x" * 201}, "q", "Texten får vara högst 200 tecken."),
    ],
)
def test_invalid_catalogue_query_is_422_in_swedish(api_as, params, field, message):
    response = api_as("reader").get("/api/v1/networks", **params)
    assert response.status_code == 422
    (problem,) = body_of(response)["error"]["fields"]
    assert problem["field"] == field
    assert problem["message"].startswith(message)


def test_unexpected_exception_is_json_500_and_logged(api_as, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr("samverkan.api.routers.catalogue.catalogue_networks", broken)
    with caplog.at_level(logging.ERROR, logger="samverkan.api"):
        response = api_as("reader").get("/api/v1/networks")
    assert response.status_code == 500
    assert body_of(response)["error"]["code"] == "server_error"
    assert "database on fire" not in response.content.decode()
    assert any("database on fire" in r.exc_text for r in caplog.records if r.exc_text)


# Domain exceptions, as routes of later issues will raise them through services.
DOMAIN_ERRORS = [
    (ServiceError("Ange ett namn.", field="name"), 400, {"code": "invalid", "field": "name"}),
    (RuleViolation("F2", "För få kommuner deltar"), 400, {"code": "rule_violation", "rule": "F2"}),
    (ConflictError("Någon annan har sparat planen."), 409, {"code": "conflict"}),
    (PermissionDenied("Du får inte ändra i det här nätverket."), 403, {"code": "forbidden"}),
    (Http404("Mötet finns inte."), 404, {"code": "not_found", "message": "Mötet finns inte."}),
    (Http404("No Meeting matches the given query."), 404, {"message": "Det finns inget här."}),
    (ApiError(409, "already_answered", "Kommunen har svarat."), 409, {"code": "already_answered"}),
]


@pytest.mark.parametrize(("exc", "status", "expected"), DOMAIN_ERRORS)
def test_domain_errors_become_json(exc, status, expected):
    response = api.on_exception(RequestFactory().get("/api/v1/x"), exc)
    assert response.status_code == status
    error = body_of(response)["error"]
    assert error.items() >= expected.items()
    assert error["message"]


def test_rule_violation_names_its_rule_in_the_message():
    response = api.on_exception(RequestFactory().get("/"), RuleViolation("F2", "För få kommuner"))
    assert body_of(response)["error"]["message"] == "För få kommuner (F2)"


def test_csrf_failure_is_json_403():
    response = api.on_exception(RequestFactory().post("/"), HttpError(403, "CSRF check Failed"))
    assert response.status_code == 403
    assert body_of(response)["error"]["code"] == "csrf_failed"
