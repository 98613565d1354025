"""The network lifecycle through the API (issue 3, item 7)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from samverkan.api import services
from samverkan.networks.models import Network, Participation
from samverkan.notifications.models import Notification
from tests.networks.starting_cast import add_contacts


def call(caller, method, path, payload=None):
    kwargs = {"headers": caller.headers()}
    if payload is not None:
        kwargs.update(data=json.dumps(payload), content_type="application/json")
    response = getattr(caller.client, method)(path, **kwargs)
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    return response.status_code, json.loads(response.content) if response.content else None


@pytest.fixture
def managers(cast):
    return add_contacts(cast)


def test_propose_answer_and_activation_refusal_through_the_api_S1_S2_S3_S4(cast, api_as, managers):
    status, body = call(
        api_as("reader"),
        "post",
        "/api/v1/proposals",
        {"name": "Planerarnätverket", "area": cast.area.slug, "reason": "Dela erfarenheter."},
    )
    assert status == 201
    assert body["status"] == "proposed" and body["members"] == 11 and body["needed"] == 6
    assert len([i for i in body["invitations"] if i["invited_on"]]) == 11
    slug = body["slug"]
    bjuv_token = services.issue_token(None, managers["Bjuv"], name="Bjuv")[1]
    bjuv = type(api_as("reader"))(bjuv_token)
    status, body = call(
        bjuv, "post", f"/api/v1/networks/{slug}/invitations/bjuv/answer", {"answer": "yes"}
    )
    assert status == 200
    assert body["yes"] == 1
    status, body = call(
        bjuv, "post", f"/api/v1/networks/{slug}/invitations/bjuv/answer", {"answer": "no"}
    )
    assert status == 400 and "redan svarat" in body["error"]["message"]
    status, body = call(
        bjuv, "post", f"/api/v1/networks/{slug}/invitations/klippan/answer", {"answer": "yes"}
    )
    assert status == 403
    status, body = call(api_as("secretariat"), "post", f"/api/v1/networks/{slug}/activate")
    assert status == 400
    assert body["error"]["rule"] == "S1, S3, S4"
    assert [m.split(":")[0] for m in body["error"]["missing"]] == ["S1", "S3", "S4"]
    assert Network.objects.get(slug=slug).status == "proposed"


def test_join_request_decision_and_close_through_the_api_P1_C1(cast, api_as):
    Participation.objects.filter(network=cast.network, municipality=cast.muni("Bjuv")).delete()
    path = f"/api/v1/networks/{cast.network.slug}"
    status, req = call(
        api_as("reader"),
        "post",
        f"{path}/participation-requests",
        {"municipality": "bjuv", "kind": "join"},
    )
    assert status == 201 and req["state"] == "pending"
    status, body = call(
        api_as("reader"),
        "post",
        f"{path}/participation-requests",
        {"municipality": "bjuv", "kind": "join"},
    )
    assert status == 400 and "väntar på samordnaren" in body["error"]["message"]
    status, body = call(
        api_as("member"),
        "post",
        f"{path}/participation-requests/{req['id']}/decision",
        {"confirm": True},
    )
    assert status == 403
    status, body = call(
        api_as("coordinator"),
        "post",
        f"{path}/participation-requests/{req['id']}/decision",
        {"confirm": True},
    )
    assert status == 200 and body["state"] == "confirmed"
    status, body = call(api_as("coordinator"), "post", f"{path}/close", {"reason": "Klart."})
    assert status == 200 and body["status"] == "closed"
    status, body = call(api_as("coordinator"), "post", f"{path}/close", {"reason": "Igen."})
    assert status == 400 and "avslutades redan" in body["error"]["message"]
    status, document = call(api_as("secretariat"), "get", f"{path}/export")
    assert status == 200 and document["network"]["close_reason"] == "Klart."


def test_questions_material_municipality_and_inbox_through_the_api_ST1_N5(cast, api_as):
    path = f"/api/v1/networks/{cast.network.slug}"
    status, q = call(
        api_as("reader"),
        "post",
        f"{path}/questions",
        {"topic": "purpose", "subject": "Syftet", "text": "Vad är syftet?"},
    )
    assert status == 201
    status, q = call(
        api_as("secretariat"),
        "post",
        f"{path}/questions/{q['id']}/messages",
        {"text": "Att samverka."},
    )
    assert status == 201 and q["answered_at"] and len(q["messages"]) == 2
    status, rows = call(api_as("member"), "get", f"{path}/questions")
    assert status == 200 and rows == []
    coordinator = api_as("coordinator")
    response = coordinator.client.post(
        f"{path}/material",
        {"title": "Affisch", "file": SimpleUploadedFile("a.pdf", b"%PDF")},
        headers=coordinator.headers(),
    )
    assert response.status_code == 201
    item = json.loads(response.content)
    status, body = call(api_as("secretariat"), "post", f"{path}/material/{item['id']}/review")
    assert status == 200 and body["reviewed_on"]
    status, muni = call(api_as("reader"), "get", "/api/v1/municipalities/helsingborg")
    assert status == 200
    assert {n["network"] for n in muni["taking_part"]} == {
        "socialchefsnatverket",
        "it-chefsnatverket",
    }
    status, inbox = call(api_as("reader"), "get", "/api/v1/notifications")
    assert status == 200 and inbox[0]["kind"] == "question_answered"
    status, body = call(api_as("reader"), "post", "/api/v1/notifications/read-all")
    assert body == {"marked": 1}
    assert not Notification.objects.filter(
        recipient=cast.people["reader"], read_at__isnull=True
    ).exists()


def test_management_contacts_are_for_the_secretariat(cast, api_as):
    payload = {"area": cast.area.slug, "email": "ny@bjuv.se", "name": "Ny Ledning"}
    status, _body = call(
        api_as("reader"), "post", "/api/v1/municipalities/bjuv/management-contacts", payload
    )
    assert status == 403
    status, body = call(
        api_as("secretariat"), "post", "/api/v1/municipalities/bjuv/management-contacts", payload
    )
    assert status == 201 and body["email"] == "ny@bjuv.se"


def test_lifecycle_routes_are_in_the_openapi_document(client):
    document = json.loads(client.get("/api/v1/openapi.json").content)
    for path in (
        "/api/v1/proposals",
        "/api/v1/networks/{slug}/activate",
        "/api/v1/networks/{slug}/close",
        "/api/v1/networks/{slug}/export",
        "/api/v1/networks/{slug}/participation-requests",
        "/api/v1/networks/{slug}/questions",
        "/api/v1/notifications",
    ):
        assert path in document["paths"], path
