"""Access to every API route for every member of the cast, as truth tables (STYLE habit 8)."""

import pytest

from samverkan.networks.models import Network

NET = "/api/v1/networks/socialchefsnatverket"
CALLERS = ["anonymous", "anonymous_published", "reader", "member", "coordinator", "secretariat"]

CATALOGUE_ROUTES = ["/api/v1/networks", NET, "/api/v1/municipalities"]
CATALOGUE_TABLE = {
    "anonymous": 401,
    "anonymous_published": 200,
    "reader": 200,
    "member": 200,
    "coordinator": 200,
    "secretariat": 200,
}


@pytest.mark.parametrize("path", CATALOGUE_ROUTES)
@pytest.mark.parametrize("who", CALLERS)
def test_catalogue_routes(api_as, who, path):
    status, body = api_as(who).json(path)
    assert status == CATALOGUE_TABLE[who], body
    if status == 401:
        assert body["error"]["code"] == "unauthorized"


COMPLIANCE_TABLE = {
    "anonymous": 401,
    "anonymous_published": 401,
    "reader": 403,
    "member": 403,
    "coordinator": 403,
    "secretariat": 200,
}


@pytest.mark.parametrize("who", CALLERS)
def test_compliance_is_for_the_secretariat(api_as, who):
    status, body = api_as(who).json("/api/v1/compliance", year=2026)
    assert status == COMPLIANCE_TABLE[who], body
    if status == 200:
        assert set(body["networks"]) == {"socialchefsnatverket", "it-chefsnatverket"}
    else:
        assert body["error"]["code"] == {401: "unauthorized", 403: "forbidden"}[status]


NETWORK_COMPLIANCE_TABLE = {
    "anonymous": 401,
    "anonymous_published": 401,
    "reader": 403,
    "member": 403,
    "secretary": 403,
    "coordinator": 200,
    "secretariat": 200,
    "outsider": 403,
}


@pytest.mark.parametrize("who", list(NETWORK_COMPLIANCE_TABLE))
def test_network_compliance_for_its_editors(api_as, who):
    status, body = api_as(who).json("/api/v1/compliance/socialchefsnatverket")
    assert status == NETWORK_COMPLIANCE_TABLE[who], body
    if status == 200:
        assert list(body["networks"]) == ["socialchefsnatverket"]


def test_outsider_reads_own_network_compliance_only(api_as):
    outsider = api_as("outsider")
    assert outsider.json("/api/v1/compliance/it-chefsnatverket")[0] == 200
    assert outsider.json("/api/v1/compliance/socialchefsnatverket")[0] == 403


# N6 and SPEC §6: contact details only for signed-in readers, never for the public.
CONTACT_TABLE = {
    "anonymous_published": False,
    "reader": True,
    "member": True,
    "coordinator": True,
    "secretariat": True,
}


@pytest.mark.parametrize("path", ["/api/v1/networks", NET])
@pytest.mark.parametrize("who", list(CONTACT_TABLE))
def test_coordinator_contacts_only_for_signed_in_N6(api_as, cast, who, path):
    status, body = api_as(who).json(path)
    assert status == 200
    if path != NET:
        (body,) = [n for n in body["items"] if n["slug"] == "socialchefsnatverket"]
    network = body
    (coordinator,) = network["coordinators"]
    assert coordinator["name"] == "Kim Samordnare"
    if CONTACT_TABLE[who]:
        assert coordinator["email"] == cast.people["coordinator"].email
        assert coordinator["phone"] == "042-10 00 00"
    else:
        assert coordinator["email"] is None
        assert coordinator["phone"] is None


# The public sees active and closed networks only; signed-in readers see every network.
PROPOSED_TABLE = {
    "anonymous_published": 404,
    "reader": 200,
    "member": 200,
    "coordinator": 200,
    "secretariat": 200,
}


@pytest.mark.parametrize("who", list(PROPOSED_TABLE))
def test_proposed_network_hidden_from_the_public(api_as, cast, who):
    Network.objects.filter(pk=cast.other_network.pk).update(status=Network.Status.PROPOSED)
    caller = api_as(who)
    status, body = caller.json("/api/v1/networks/it-chefsnatverket")
    assert status == PROPOSED_TABLE[who], body
    status, body = caller.json("/api/v1/networks", status="proposed")
    assert status == 200
    expected = ["it-chefsnatverket"] if PROPOSED_TABLE[who] == 200 else []
    assert [n["slug"] for n in body["items"]] == expected
    assert body["count"] == len(expected)


@pytest.mark.parametrize("who", ["anonymous", "reader", "secretariat"])
def test_signed_in_session_counts_as_its_user(client_for, who):
    """A browser signed in to Samverkan (e.g. on the docs page) reads the API as itself."""
    client = client_for(who)
    assert client.get("/api/v1/networks").status_code == (401 if who == "anonymous" else 200)
    expected = {"anonymous": 401, "reader": 403, "secretariat": 200}[who]
    assert client.get("/api/v1/compliance").status_code == expected
