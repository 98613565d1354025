"""The classes of hostile input the schemathesis run found (issue 18, item 4), one test each:
a clear JSON answer, never a 500, never a half-write."""

import json

import pytest
from django.test import Client

from samverkan.cooperation.models import ManagementContact
from samverkan.meetings.models import Meeting

HUGE = 10**26


def send(token, method, path, body=None, *, content_type="application/json", raw=None):
    client = Client(raise_request_exception=False)
    data = raw if raw is not None else (json.dumps(body) if body is not None else "")
    response = client.generic(
        method, path, data, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response.status_code, json.loads(response.content)


@pytest.fixture
def meeting_path(cast, tokens):
    status, body = send(
        tokens["secretariat"],
        "POST",
        f"/api/v1/networks/{cast.network.slug}/meetings",
        {"starts_at": "2031-03-02T09:00+01:00", "ends_at": "2031-03-02T11:00+01:00"},
    )
    assert status == 201, body
    return f"/api/v1/networks/{cast.network.slug}/meetings/{body['id']}"


def test_multipart_without_a_boundary_is_a_400_even_for_a_reader(cast, tokens, meeting_path):
    for who, path in [
        ("reader", f"/api/v1/networks/{cast.network.slug}/material"),
        ("secretariat", meeting_path + "/attachments"),
    ]:
        status, body = send(
            tokens[who], "POST", path, raw=b"--x\r\n", content_type="multipart/form-data"
        )
        assert status == 400, body
        assert body["error"]["code"] == "invalid_body"
        assert "boundary" in body["error"]["message"]


def test_offset_past_two_to_the_63_is_refused(tokens):
    status, body = send(tokens["reader"], "GET", f"/api/v1/networks?offset={2**63}")
    assert status == 422, body
    assert body["error"]["fields"][0]["field"] == "offset"


def test_huge_ids_in_a_body_are_refused_in_swedish(cast, tokens):
    status, body = send(
        tokens["secretariat"],
        "POST",
        f"/api/v1/networks/{cast.network.slug}/working-groups",
        {"name": "Grupp", "contact": HUGE, "members": [HUGE]},
    )
    assert status == 422, body
    assert "för stort" in body["error"]["message"]


def test_huge_id_in_the_path_is_a_json_404(cast, tokens):
    status, body = send(
        tokens["secretariat"], "GET", f"/api/v1/networks/{cast.network.slug}/meetings/{HUGE}"
    )
    assert status == 404 and body["error"]["code"] == "not_found"


def test_a_time_with_a_zone_is_refused_in_the_meeting_proposal(cast, tokens):
    status, body = send(
        tokens["secretariat"],
        "POST",
        f"/api/v1/networks/{cast.network.slug}/meetings/proposal",
        {"year": 2031, "weekday": 1, "start_time": "09:00:00Z", "end_time": "11:00"},
    )
    assert status == 422, body
    assert body["error"]["fields"][0]["code"] == "time_with_zone"
    assert "utan tidszon" in body["error"]["fields"][0]["message"]
    status, body = send(
        tokens["secretariat"],
        "POST",
        f"/api/v1/networks/{cast.network.slug}/meetings/proposal",
        {"year": 2031, "weekday": 1, "start_time": "09:00", "end_time": "11:00"},
    )
    assert status == 200 and body[0]["start_time"] == "09:00:00", body


def test_a_path_with_a_newline_is_a_json_404(tokens):
    for path in ["/api/v1/networks/a\nb", "/api/v1/networks/a%0Ab/meetings", "/api/v1/x\n"]:
        status, body = send(tokens["reader"], "GET", path)
        assert status == 404 and body["error"]["code"] == "not_found", path


@pytest.mark.parametrize("body", [[None, None], "AAA", 7])
def test_a_body_that_is_no_object_is_refused(cast, tokens, meeting_path, body):
    """ninja read a list or a string attribute by attribute: "AAA" became an agenda item
    titled "Aaa", and [null, null] made a calendar feed."""
    for path in [
        f"/api/v1/networks/{cast.network.slug}/calendar-feed",
        "/api/v1/me/calendar-feed",
        meeting_path + "/agenda",
    ]:
        status, answer = send(tokens["secretariat"], "POST", path, body)
        assert status == 422, (path, answer)
        assert "JSON-objekt" in answer["error"]["message"]
    assert not Meeting.objects.get().agenda_items.exists()


def test_a_number_is_no_date(tokens):
    status, body = send(
        tokens["secretariat"],
        "POST",
        "/api/v1/surveys",
        {"title": "Enkät", "opens_on": 0, "closes_on": "2031-01-01"},
    )
    assert status == 422, body


def test_nul_bytes_are_removed_not_stored_nor_a_500(cast, tokens):
    status, body = send(
        tokens["secretariat"],
        "POST",
        f"/api/v1/municipalities/{cast.muni('Helsingborg').slug}/management-contacts",
        {"area": cast.area.slug, "email": "chef@example.se", "name": "Anna\x00 Chef"},
    )
    assert status in (200, 201), body
    assert ManagementContact.objects.get().person.name == "Anna Chef"
    status, body = send(tokens["secretariat"], "GET", "/api/v1/participation-matrix?area=a%00b")
    assert status == 200, body
    status, body = send(tokens["reader"], "GET", "/api/v1/networks/a%00b")
    assert status == 404, body
