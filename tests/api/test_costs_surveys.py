"""Costs (PR2) and surveys (P4, ST2) in the API."""

import datetime
import json

from samverkan.costs.models import Cost
from samverkan.surveys import tokens
from samverkan.surveys.models import Invitation, Response
from tests.costs.conftest import sharing  # noqa: F401
from tests.costs.test_allocation import EXPECTED_100K


def post(caller, path, data):
    response = caller.client.post(
        path, json.dumps(data), content_type="application/json", headers=caller.headers()
    )
    return response.status_code, json.loads(response.content)


def test_cost_recorded_and_read_with_its_allocation_PR2(cast, api_as, sharing):  # noqa: F811
    sharing(cast.network, "population")
    coordinator = api_as("coordinator")
    status, body = post(
        coordinator,
        f"/api/v1/networks/{cast.network.slug}/costs",
        {"date": "2024-03-15", "description": "Konferens", "amount_ore": 10_000_000},
    )
    assert status == 201, body
    shares = {a["municipality_code"]: a["amount_ore"] for a in body["allocation"]["allocations"]}
    assert shares == EXPECTED_100K
    status, same = coordinator.json(f"/api/v1/costs/{body['id']}")
    assert status == 200 and same["allocation"] == body["allocation"]
    hbg = next(a for a in same["allocation"]["allocations"] if a["municipality_code"] == "1283")
    assert hbg == {
        "municipality_code": "1283",
        "municipality": "Helsingborg",
        "population": 150975,
        "population_date": "2022-12-31",
        "population_table": "",
        "population_source": "SCB",
        "amount_ore": 4093627,
    }
    status, preview = coordinator.json(
        f"/api/v1/networks/{cast.network.slug}/costs/allocation",
        date="2024-03-15",
        amount_ore=10_000_000,
    )
    assert status == 200 and preview["allocations"] == body["allocation"]["allocations"]
    status, _ = post(coordinator, f"/api/v1/costs/{body['id']}/invoice", {})
    assert status == 200
    status, pair = post(
        coordinator,
        f"/api/v1/costs/{body['id']}/correct",
        {"date": "2024-04-01", "description": "Konferens, rättad", "amount_ore": 9_000_000},
    )
    assert status == 201 and pair[0]["amount_ore"] == -10_000_000
    status, summary = api_as("secretariat").json("/api/v1/costs/summary/municipalities", year=2024)
    assert status == 200 and summary["total_ore"] == 9_000_000
    assert sum(r["amount_ore"] for r in summary["rows"]) == 9_000_000


def test_bad_amounts_refused_in_swedish_PR2(cast, api_as):
    coordinator = api_as("coordinator")
    for amount, message in [(0, "större än noll"), (-5, "större än noll"), (12.5, "delar av öre")]:
        status, body = post(
            coordinator,
            f"/api/v1/networks/{cast.network.slug}/costs",
            {"date": "2024-03-15", "description": "X", "amount_ore": amount},
        )
        assert status in (400, 422) and message in body["error"]["message"], body
    status, body = post(
        coordinator,
        f"/api/v1/networks/{cast.network.slug}/costs",
        {"date": "2019-03-15", "description": "X", "amount_ore": 100},
    )
    assert "innan nätverket startade" in body["error"]["message"]
    assert Cost.objects.count() == 0
    status, _ = post(
        api_as("member"),
        f"/api/v1/networks/{cast.network.slug}/costs",
        {"date": "2024-03-15", "description": "X", "amount_ore": 100},
    )
    assert status == 403


def test_survey_round_through_the_api_P4(cast, api_as):
    secretariat = api_as("secretariat")
    today = datetime.date.today()
    status, body = post(
        secretariat,
        "/api/v1/surveys",
        {
            "title": "Enkät",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
        },
    )
    assert status == 201 and len(body["questions"]) == 6
    round_id = body["id"]
    status, body = post(secretariat, f"/api/v1/surveys/{round_id}/open", {})
    assert body == {"count": 4}
    inv = Invitation.objects.get(person=cast.people["member"])
    token = tokens.token_for(inv.nonce)
    anonymous = api_as("anonymous")
    status, body = post(anonymous, f"/api/v1/surveys/answer/{token}", {"answers": {"value": 7}})
    assert status == 400 and "1 till 5" in body["error"]["message"]
    status, _ = post(anonymous, f"/api/v1/surveys/answer/{token}", {"answers": {"value": 4}})
    assert status == 201
    status, body = post(anonymous, f"/api/v1/surveys/answer/{token}", {"answers": {"value": 4}})
    # Issue 13: a used link is refused as an unknown one is, with the same status and text.
    _status, unknown = post(anonymous, "/api/v1/surveys/answer/fel", {"answers": {"value": 4}})
    assert status == _status == 400 and "går inte att använda" in body["error"]["message"]
    assert body == unknown
    status, _ = post(secretariat, f"/api/v1/surveys/{round_id}/close", {})
    assert Response.objects.count() == 1
    status, body = post(secretariat, f"/api/v1/surveys/{round_id}/close", {})
    assert status == 400 and "redan stängd" in body["error"]["message"]
    status, results = api_as("member").json(f"/api/v1/surveys/{round_id}/results")
    assert status == 200 and results["groups"] == []  # one answer: below the threshold
    assert results["coverage"][0]["answered"] == 1
    status, matrix = api_as("reader").json("/api/v1/participation-matrix")
    assert status == 200 and "socialchefsnatverket" in matrix["networks"]
