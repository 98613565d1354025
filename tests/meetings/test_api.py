"""The meetings API: every action through the same services; refusals as JSON naming the
rule (issue 5, item 7)."""

import datetime
import json

import icalendar
import pytest
from django.test import Client

from samverkan.api import services as api_services
from samverkan.meetings.models import Attendance, CalendarFeed, Meeting


@pytest.fixture
def call(scn):
    tokens = {}

    def make(name, method, path, payload=None, **kw):
        if name not in tokens:
            tokens[name] = api_services.issue_token(None, scn.people[name], name=name)[1]
        client = Client()
        headers = {"Authorization": f"Bearer {tokens[name]}"}
        fn = getattr(client, method)
        if payload is not None:
            response = fn(
                path, json.dumps(payload), content_type="application/json", headers=headers
            )
        else:
            response = fn(path, headers=headers, **kw)
        content_type = response["Content-Type"]
        body = (
            json.loads(response.content)
            if content_type.startswith("application/json")
            else response.content
        )
        return response.status_code, body

    return make


BASE = "/api/v1/networks/socialchefsnatverket/meetings"


def test_plan_propose_save_and_list(call):
    status, proposal = call(
        "secretary",
        "post",
        BASE + "/proposal",
        {
            "year": 2027,
            "weekday": 1,
            "start_time": "09:00",
            "end_time": "12:00",
            "skip_months": [7],
        },
    )
    assert status == 200 and len(proposal) == 10
    assert proposal[0]["host"] == "bjuv"
    status, saved = call(
        "secretary", "post", BASE + "/plan", {"year": 2027, "meetings": proposal[:3]}
    )
    assert status == 201 and len(saved) == 3
    status, listed = call("member", "get", BASE + "?year=2027")
    assert status == 200 and [m["id"] for m in listed] == [m["id"] for m in saved]


def test_plan_more_meetings_than_weeks_is_json_400(call):
    status, body = call(
        "secretary",
        "post",
        BASE + "/proposal",
        {
            "year": 2027,
            "weekday": 1,
            "start_time": "09:00",
            "end_time": "12:00",
            "count": 53,
            "skip_months": [1],
        },
    )
    assert status == 400 and body["error"]["field"] == "count"
    assert "Det går inte att planera 53 möten" in body["error"]["message"]


def test_meeting_lifecycle_and_substitute_refused_CO1(call, scn):
    status, meeting = call(
        "secretary",
        "post",
        BASE,
        {
            "starts_at": "2026-10-20T09:00:00+02:00",
            "ends_at": "2026-10-20T12:00:00+02:00",
            "place": "Kommunhuset, Bjuv",
            "host": "bjuv",
        },
    )
    assert status == 201 and meeting["sequence"] == 0
    path = f"{BASE}/{meeting['id']}"
    status, moved = call(
        "secretary",
        "patch",
        path,
        {"starts_at": "2026-10-27T09:00:00", "ends_at": "2026-10-27T12:00:00"},
    )
    assert status == 200 and moved["sequence"] == 1
    assert moved["starts_at"].startswith("2026-10-27T09:00:00+01:00")
    status, body = call(
        "secretary", "put", f"{path}/attendance/{scn.people['reader'].pk}", {"status": "present"}
    )
    assert status == 400 and body["error"]["rule"] == "CO1"
    status, body = call(
        "member", "put", f"{path}/attendance/{scn.people['member'].pk}", {"status": "present"}
    )
    assert status == 200 and body["attendance"][0]["status"] == "present"
    status, body = call("secretary", "post", f"{path}/agenda", {"title": "Inledning"})
    assert status == 201
    item = next(i for i in body["agenda"] if i["title"] == "Inledning")
    status, body = call("secretary", "post", f"{path}/agenda/{item['id']}/move", {"up": True})
    assert body["agenda"][2]["title"] == "Inledning"
    status, body = call("secretary", "delete", f"{path}/agenda/{item['id']}")
    assert status == 200 and len(body["agenda"]) == 3
    review = body["agenda"][0]
    status, body = call(
        "coordinator",
        "put",
        f"{path}/minutes",
        {
            "text": "Protokoll",
            "outcomes": {str(review["id"]): "Utvärderad."},
            "review_outcome": "evaluated",
        },
    )
    assert status == 200 and body["minutes"]["state"] == "draft"
    status, body = call("coordinator", "post", f"{path}/minutes/approve")
    assert status == 200 and body["minutes"]["state"] == "approved"
    status, ics = call("member", "get", f"{path}/ics")
    event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    assert int(event["SEQUENCE"]) == 1


def test_cancel_then_attendance_refused(call, scn):
    status, meeting = call(
        "secretary",
        "post",
        BASE,
        {"starts_at": "2026-03-03T09:00:00+01:00", "ends_at": "2026-03-03T12:00:00+01:00"},
    )
    path = f"{BASE}/{meeting['id']}"
    status, body = call("secretary", "post", f"{path}/cancel", {"reason": "Sjukdom"})
    assert status == 200 and body["status"] == "cancelled"
    status, body = call(
        "member", "put", f"{path}/attendance/{scn.people['member'].pk}", {"status": "present"}
    )
    assert status == 400 and "inställt" in body["error"]["message"]
    assert not Attendance.objects.exists()


def test_meeting_ending_before_start_is_400_nothing_written(call):
    status, body = call(
        "secretary",
        "post",
        BASE,
        {"starts_at": "2026-03-03T12:00:00+01:00", "ends_at": "2026-03-03T09:00:00+01:00"},
    )
    assert status == 400 and body["error"]["message"] == "Mötet måste sluta efter att det börjar."
    assert Meeting.objects.count() == 0


def test_access_member_reads_reader_forbidden_member_cannot_plan(call):
    assert call("reader", "get", BASE)[0] == 403
    assert call("member", "get", BASE)[0] == 200
    status, _body = call(
        "member",
        "post",
        BASE,
        {"starts_at": "2026-03-03T09:00:00+01:00", "ends_at": "2026-03-03T12:00:00+01:00"},
    )
    assert status == 403


def test_feeds_and_statistics(call, scn):
    status, feed = call("member", "post", "/api/v1/me/calendar-feed", {"action": "create"})
    assert status == 200 and feed["url"].endswith(".ics")
    # only a hash is kept: asked again, the live feed comes without its address
    status, again = call("member", "post", "/api/v1/me/calendar-feed", {"action": "create"})
    assert status == 200 and again["url"] is None and again["created_at"]
    status, renewed = call("member", "post", "/api/v1/me/calendar-feed", {"action": "renew"})
    assert renewed["url"] not in (None, feed["url"])
    status, revoked = call("member", "post", "/api/v1/me/calendar-feed", {"action": "revoke"})
    assert revoked["url"] is None
    assert not CalendarFeed.objects.filter(revoked_at__isnull=True).exists()
    status, _body = call(
        "member",
        "post",
        "/api/v1/networks/socialchefsnatverket/calendar-feed",
        {"action": "revoke"},
    )
    assert status == 200  # nothing live: nothing to revoke
    status, stats = call("member", "get", "/api/v1/networks/socialchefsnatverket/attendance")
    assert status == 200 and len(stats["municipalities"]) == 11
    assert datetime.date.today().year == stats["year"]
