"""Agreements over the API: every action, JSON errors naming the rule, access."""

import json

import pytest

from samverkan.agreements.models import AgreementVersion, Chairmanship, Matter, WorkingGroup
from tests.agreements.helpers import SPEC_PARAMETERS, adopt

BASE = "/api/v1/networks/socialchefsnatverket"


def call(api_as, who, method, path, body=None):
    caller = api_as(who)
    send = getattr(caller.client, method)
    kwargs = {"headers": caller.headers()}
    if body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    response = send(path, **kwargs)
    content = json.loads(response.content) if response.content else None
    return response.status_code, content


def codes(cast, *names):
    return [cast.muni(n).code for n in names]


def test_adopt_version_and_read_it(cast, api_as):
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/agreement/versions",
        {"text": "Överenskommelse", "parameters": SPEC_PARAMETERS, "adopted_on": "2024-01-01"},
    )
    assert status == 201 and body["number"] == 1
    status, body = call(api_as, "reader", "get", f"{BASE}/agreement")
    assert status == 200
    assert body["parameters"]["min_municipalities_per_matter"] == 2
    assert body["parameters"]["focus_area_min_share"] == 0.5


def test_parameters_out_of_range_list_every_error(cast, api_as):
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/agreement/versions",
        {"text": "x", "parameters": {"focus_area_min_share": 1.5, "min_focus_areas": -1}},
    )
    assert status == 400
    fields = {f["field"] for f in body["error"]["fields"]}
    assert fields == {"focus_area_min_share", "min_focus_areas"}
    assert not AgreementVersion.objects.exists()


def test_diff_over_api(cast, api_as):
    adopt(cast, text="A\nB")
    adopt(cast, text="A\nC", adopted_on=__import__("datetime").date(2025, 1, 1))
    status, body = call(api_as, "reader", "get", f"{BASE}/agreement/diff?old=1&new=2")
    assert status == 200
    assert {"kind": "added", "text": "C"} in body["lines"]


def test_matter_refused_below_minimum_F2_json(cast, api_as):
    adopt(cast)
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/matters",
        {"title": "Placeringar", "concerned": codes(cast, "Bjuv")},
    )
    assert status == 400
    assert body["error"]["rule"] == "F2"
    assert not Matter.objects.exists()
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/matters",
        {"title": "Placeringar", "concerned": codes(cast, "Bjuv", "Klippan")},
    )
    assert status == 201
    matter_id = body["id"]
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/matters/{matter_id}/status",
        {"status": "in_preparation"},
    )
    assert status == 200 and body["status"] == "in_preparation"
    member = cast.people["member"]
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/matters/{matter_id}/mandates",
        {"people": [member.pk], "arena": "Regionalt forum", "start_on": "2026-01-01"},
    )
    assert status == 201 and sorted(body["represents"]) == sorted(codes(cast, "Bjuv", "Klippan"))
    status, body = call(api_as, "member", "get", f"/api/v1/people/{member.pk}/mandates")
    assert status == 200 and [m["arena"] for m in body] == ["Regionalt forum"]


def test_unknown_municipality_code_is_400(cast, api_as):
    status, body = call(
        api_as, "coordinator", "post", f"{BASE}/matters", {"title": "x", "concerned": ["0000"]}
    )
    assert status == 400 and "0000" in body["error"]["message"]


def test_working_group_contact_F4_json(cast, api_as):
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/working-groups",
        {"name": "Barn", "contact": cast.people["reader"].pk},
    )
    assert status == 400 and body["error"]["rule"] == "F4"
    assert not WorkingGroup.objects.exists()
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/working-groups",
        {"name": "Barn", "contact": cast.people["member"].pk},
    )
    assert status == 201 and body["contact_left_network"] is False


def test_business_plan_and_chairs_over_api(cast, api_as):
    adopt(cast)
    all_codes = [m.code for m in cast.municipalities.values()]
    for name, chosen in (("A", all_codes[:6]), ("B", all_codes[5:]), ("C", all_codes[::2])):
        status, body = call(
            api_as,
            "coordinator",
            "post",
            f"{BASE}/business-plans/2027/focus-areas",
            {"name": name, "municipalities": chosen},
        )
        assert status == 201
    assert body["threshold"] == 6 and body["qualifying"] == 3
    status, body = call(api_as, "coordinator", "post", f"{BASE}/business-plans/2027/adopt")
    assert status == 200 and body["state"] == "adopted"
    status, proposal = call(api_as, "reader", "get", f"{BASE}/chairs/proposal?year=2027")
    assert status == 200 and len(proposal) == 2
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/chairs",
        {"year": 2027, "municipalities": [p["code"] for p in proposal]},
    )
    assert status == 201 and len(body["chairs"]) == 2
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/chairs",
        {"year": 2027, "municipalities": codes(cast, "Bjuv", "Klippan")},
    )
    assert status == 400 and body["error"]["rule"] == "CH2"
    assert Chairmanship.objects.count() == 1


def test_focus_area_outside_network_is_400(cast, api_as):
    from samverkan.cooperation.models import Municipality

    Municipality.objects.create(code="1280", name="Malmö", slug="malmo")
    status, body = call(
        api_as,
        "coordinator",
        "post",
        f"{BASE}/business-plans/2027/focus-areas",
        {"name": "A", "municipalities": ["1280"]},
    )
    assert status == 400 and "Malmö" in body["error"]["message"]


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 401), ("reader", 403), ("outsider", 403), ("member", 200), ("secretariat", 200)],
)
def test_matters_are_internal(cast, api_as, who, status):
    assert call(api_as, who, "get", f"{BASE}/matters")[0] == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("reader", 403),
        ("member", 403),
        ("secretary", 403),
        ("coordinator", 201),
        ("secretariat", 201),
    ],
)
def test_only_editors_write(cast, api_as, who, status):
    got, _body = call(
        api_as,
        who,
        "post",
        f"{BASE}/working-groups",
        {"name": "G", "contact": cast.people["member"].pk},
    )
    assert got == status
