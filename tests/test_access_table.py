"""The access truth table (issue 11, item 2): every URL pattern and every API operation, asked
by every member of the test cast, with the answer pinned below.

Each page is requested with GET and with POST (an empty form: the point is who is let in, not
what the form says); each API operation with its own method and a body that passes the API's
validation (tests/access_table_data.py), so that the answer is the access decision. Every
request runs in a savepoint that is rolled back, so each one sees the same world.

An answer is one of
    ok     anything that is not an access answer: 2xx, 3xx other than to the sign-in page,
           400, 405, 409, 422 (the form or the payload was refused, not the caller)
    login  302 to the sign-in page
    401, 403, 404 as they are, and any other code (500, 410, ...) as it is.

The rule (people/policy.py): 404 to one who may not know the object exists, 403 to one who may
see it but not do this.

Left out of the enumeration: admin/ (Django's admin has its own permissions), konto/
(allauth's accounts) and static/ and media/ (files served in DEBUG only).
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samverkan.agreements import matters as agreement_matters
from samverkan.agreements import services as agreement_services
from samverkan.agreements.models import (
    BusinessPlan,
    Chairmanship,
    FocusArea,
    Matter,
    OnboardingTask,
    WorkingGroup,
)
from samverkan.api import services as api_services
from samverkan.core.errors import ServiceError
from samverkan.meetings import attendance as attendance_services
from samverkan.meetings import feeds
from samverkan.meetings import services as meeting_services
from samverkan.meetings.models import AgendaItem, Attachment, Attendance, Meeting
from samverkan.networks.material import services as material_services
from samverkan.networks.models import Material, Network, Question
from samverkan.people.models import Person
from tests.access_table_data import (
    MEETING_DAY,
    ROLES,
    TODAY,
    YEAR,
    World,
    api_body,
    api_path,
    api_query,
    at,
    build_world,
    page_kwargs,
)
from tests.agreements.helpers import SPEC_PARAMETERS
from tests.api.conftest import ApiCaller

SKIPPED = ("admin/", "konto/", "static/", "media/")
API_ROOT = "/api/v1"
OPENAPI = API_ROOT + "/openapi.json"

# ---- the table ---------------------------------------------------------------------------------
# Columns: anonymous, reader, member, secretary, outsider (the coordinator of another network),
# coordinator, secretariat.

# URL pattern name → (answers to GET, answers to POST)
PAGES: dict[str, tuple[str, str]] = {}

# "METHOD /path" of the OpenAPI document → answers
API: dict[str, str] = {}


# ---- enumeration -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str  # namespaced, e.g. "meetings:detail"
    route: str  # e.g. "natverk/<slug:slug>/moten/<int:pk>/"


def url_patterns() -> list[Pattern]:
    """Every URL pattern of the project (through every include), less SKIPPED."""
    found: list[Pattern] = []

    def walk(resolver: URLResolver, prefix: str, namespaces: tuple[str, ...]) -> None:
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(SKIPPED):
                continue
            if isinstance(entry, URLResolver):
                inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
                walk(entry, route, inner)
            elif isinstance(entry, URLPattern):
                name = ":".join((*namespaces, entry.name)) if entry.name else route
                found.append(Pattern(name, route))

    walk(get_resolver(), "", ())
    return found


def openapi_form(route: str) -> str:
    """api/v1/networks/<int:pk> → /api/v1/networks/{pk}, as the OpenAPI document has it"""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """"METHOD /path" → the OpenAPI operation, for every method of every path (the path
    without the API's root /api/v1)."""
    return {
        f"{method.upper()} {path.removeprefix(API_ROOT)}": operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }


def split_patterns(document: dict[str, Any]) -> tuple[list[Pattern], set[str]]:
    """(the patterns that are pages, the OpenAPI paths served by a URL pattern): an API
    operation's pattern is covered by the API table, everything else by PAGES."""
    paths = set(document["paths"])
    pages, served = [], set()
    for pattern in url_patterns():
        if openapi_form(pattern.route) in paths:
            served.add(openapi_form(pattern.route))
        else:
            pages.append(pattern)
    return pages, served


@pytest.fixture
def openapi(db) -> dict[str, Any]:
    response = Client().get(OPENAPI)
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def test_the_table_has_a_row_for_every_route_and_no_other(openapi):
    """A new URL pattern or API operation fails here until it has a row in the table."""
    pages, served = split_patterns(openapi)
    names = [p.name for p in pages]
    problems = [f"two page patterns named {n!r}" for n in sorted({n for n in names if names.count(n) > 1})]
    problems += [f"no row in PAGES for the URL pattern {n!r}" for n in sorted(set(names) - set(PAGES))]
    problems += [f"PAGES has a row for {n!r}, which is no URL pattern" for n in sorted(set(PAGES) - set(names))]
    ops = operations(openapi)
    problems += [f"no row in API for the operation {k!r}" for k in sorted(set(ops) - set(API))]
    problems += [f"API has a row for {k!r}, which is no operation" for k in sorted(set(API) - set(ops))]
    problems += [f"the OpenAPI path {p!r} has no URL pattern" for p in sorted(set(openapi["paths"]) - served)]
    for key, row in [*((k, g + " " + p) for k, (g, p) in PAGES.items()), *API.items()]:
        width = len(row.split())
        if width != len(ROLES) * (2 if key in PAGES else 1):
            problems.append(f"the row {key!r} has {width} answers")
    assert not problems, "\n".join(problems)


# ---- asking ------------------------------------------------------------------------------------


def answer_of(response: HttpResponse) -> str:
    code = response.status_code
    if code in (401, 403, 404):
        return str(code)
    if code == 302 and response["Location"].split("?")[0] == resolve_url(settings.LOGIN_URL):
        return "login"
    if 200 <= code < 400 or code in (400, 405, 409, 422):
        return "ok"
    return str(code)


def rolled_back(send: Callable[[], HttpResponse]) -> HttpResponse:
    """The response to one request whose writes are undone afterwards."""
    with transaction.atomic():
        response = send()
        transaction.set_rollback(True)
    response.close()
    return response


class Caller(ApiCaller):
    """tests/api's caller, with every method and a body."""

    def send(
        self, method: str, path: str, content_type: str | None, body: Any, query: dict[str, Any]
    ) -> HttpResponse:
        headers = self.headers()
        if content_type == "multipart/form-data":
            return self.client.post(path, body, headers=headers, query_params=query)
        data = json.dumps(body) if content_type else ""
        return self.client.generic(
            method,
            path,
            data,
            content_type=content_type or "application/octet-stream",
            headers=headers,
            query_params=query,
        )


def clients(world: World, role: str) -> tuple[Client, Caller]:
    """A browser signed in as the role, and an API caller with the role's token."""
    browser = Client(raise_request_exception=False)
    token = None
    if role != "anonymous":
        browser.force_login(world.user(role))
        _row, token = api_services.issue_token(None, world.cast.people[role], name="Table")
    api = Caller(token)
    api.client.raise_request_exception = False
    return browser, api


def ask_api(world: World, api: Caller, key: str, document: dict[str, Any]) -> str:
    method, path = key.split(" ", 1)
    operation = operations(document)[key]
    components = document.get("components", {}).get("schemas", {})
    content_type, body = api_body(world, key, operation, components)
    query = api_query(operation, components)
    url = api_path(world, path)
    return answer_of(rolled_back(lambda: api.send(method, url, content_type, body, query)))


@pytest.fixture
def world(cast) -> World:
    return build_world(cast)


def _report(role: str, wrong: list[tuple[str, str, str]]) -> str:
    lines = [f"{len(wrong)} answers for {role} differ from the table (route, role, expected, got):"]
    width = max(len(route) for route, _e, _g in wrong)
    lines += [f"  {route:<{width}}  {role:<11}  {exp:<5}  {got}" for route, exp, got in wrong]
    return "\n".join(lines)


@pytest.mark.parametrize("role", ROLES)
def test_access_table(world, openapi, role):
    column = ROLES.index(role)
    browser, api = clients(world, role)
    kwargs = page_kwargs(world)
    wrong: list[tuple[str, str, str]] = []
    for name, (get_row, post_row) in PAGES.items():
        url = reverse(name, kwargs=kwargs.get(name))
        for method, row in (("GET", get_row), ("POST", post_row)):
            expected = row.split()[column]
            send = browser.get if method == "GET" else browser.post
            got = answer_of(rolled_back(lambda send=send: send(url)))
            if got != expected:
                wrong.append((f"{method} {name}", expected, got))
    for key, row in API.items():
        expected = row.split()[column]
        got = ask_api(world, api, key, openapi)
        if got != expected:
            wrong.append((f"API {key}", expected, got))
    assert not wrong, _report(role, wrong)
