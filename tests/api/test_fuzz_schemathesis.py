"""The API under a schema-driven fuzzer (issue 18, item 4): schemathesis generates requests
from /api/v1/openapi.json, valid and invalid, and runs all its checks on every answer: no 5xx,
every status and body as documented, invalid input refused, valid input not refused.

Bounded for CI: SAMVERKAN_FUZZ_EXAMPLES examples per operation in the fuzzing phase (default 3,
fixed seed), besides the cases of schemathesis' coverage phase (boundary values: 2⁶³, empty,
huge texts), which are most of the ~2,900. Each case is sent as the secretariat with the path
generated, then with the path at real objects, by turns as the secretariat and as a reader (a
signed-in person in no network). A valid request may
still break a rule: 400 is an accepted answer to valid data (the domain's RuleViolation); 422
is not (the document would then be wrong). SAMVERKAN_FUZZ_REPORT=FILE writes the counts."""

import contextlib
import json
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from samverkan.api.api import api

CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]
            }
        }
    }
)
schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(path_prefix="/api/v1/"), config=CONFIG
)
schema.app = WSGIHandler()

EXAMPLES = int(os.environ.get("SAMVERKAN_FUZZ_EXAMPLES", "3"))
CALLS: Counter[str] = Counter()


@contextlib.contextmanager
def kept_connection() -> Iterator[None]:
    """As Django's test client does: the request must not close the test's connection (and
    with it the transaction every test runs in)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _post(token: str, path: str, data: dict[str, Any]) -> Any:
    response = Client().post(
        path, json.dumps(data), content_type="application/json", headers=bearer(token)
    )
    assert response.status_code in (200, 201), response.content
    return response.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def objects(cast, tokens) -> dict[str, Any]:
    """Real values for the path parameters, so that requests reach past the lookups."""
    slug = cast.network.slug
    meeting = _post(
        tokens["secretariat"],
        f"/api/v1/networks/{slug}/meetings",
        {"starts_at": "2031-03-02T09:00+01:00", "ends_at": "2031-03-02T11:00+01:00"},
    )
    cost = _post(
        tokens["secretariat"],
        f"/api/v1/networks/{slug}/costs",
        {"date": "2024-03-15", "description": "Konferens", "amount_ore": 10_000},
    )
    return {
        "slug": slug,
        "meeting_id": meeting["id"],
        "cost_id": cost["id"],
        "municipality": cast.muni("Helsingborg").slug,
        "person_id": cast.people["member"].pk,
        "pk": cast.people["member"].pk,
        "year": 2030,
    }


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    path = os.environ.get("SAMVERKAN_FUZZ_REPORT")
    if path:
        with open(path, "w") as out:
            cases = sum(CALLS.values())
            json.dump({"operations": len(CALLS), "cases": cases, "requests": 2 * cases}, out)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.django_db
def test_api_answers_as_documented(case, tokens, objects):
    generated = dict(case.path_parameters or {})
    # Every case twice: as generated (mostly unknown objects), then at real objects, by turns
    # as the secretariat and as a reader (both tokens on every operation, at a third less time
    # than both every time).
    CALLS[case.operation.label] += 1
    real_as = "secretariat" if CALLS[case.operation.label] % 2 else "reader"
    for who, real in (("secretariat", False), (real_as, True)):
        excluded = []
        if real and generated:
            case.path_parameters = {k: objects.get(k, v) for k, v in generated.items()}
            # The generated case may have been invalid only in the path just replaced.
            excluded = [negative_data_rejection]
        with kept_connection():
            case.call_and_validate(headers=bearer(tokens[who]), excluded_checks=excluded)
