"""API tokens that may only read and that may expire (issue 13, part 4), shown with their
scope and last day in the token list (the admin and `create_api_token --list`)."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import formats, translation

from samverkan.api import services
from samverkan.api.models import ApiToken
from samverkan.cooperation.models import ManagementContact
from samverkan.core.errors import ServiceError
from samverkan.meetings.models import CalendarFeed
from tests.helpers import today

FEED = "/api/v1/me/calendar-feed"


def call(token: str, method: str, path: str, body=None):
    client = Client()
    headers = {"Authorization": f"Bearer {token}"}
    if method == "get":
        return client.get(path, headers=headers)
    return getattr(client, method)(
        path, body or {}, content_type="application/json", headers=headers
    )


READ_ONLY = {
    "code": "forbidden",
    "message": "API-nyckeln får bara läsa (GET); den kan inte ändra något.",
}


def test_read_only_token_reads_but_every_write_is_refused_403(cast):
    """A token handed to a dashboard that should only read: before issue 13 every token could
    do whatever its person may, so a leaked read token could also write."""
    _token, plain = services.issue_token(
        None, cast.people["member"], name="Instrumentpanel", scope="read"
    )
    assert call(plain, "get", "/api/v1/networks").status_code == 200
    for path in (FEED, f"/api/v1/networks/{cast.network.slug}/calendar-feed"):
        response = call(plain, "post", path, {"action": "create"})
        assert response.status_code == 403, path
        assert response.json()["error"] == READ_ONLY
    assert not CalendarFeed.objects.exists()


def test_read_only_secretariat_token_cannot_delete(cast):
    """Even the secretariat's token, read-only, removes nothing."""
    contact = ManagementContact.objects.create(
        municipality=cast.muni("Bjuv"), area=cast.area, person=cast.people["reader"]
    )
    _token, plain = services.issue_token(
        None, cast.people["secretariat"], name="Rapporter", scope="read"
    )
    path = f"/api/v1/municipalities/{cast.muni('Bjuv').slug}/management-contacts/{contact.pk}"
    response = call(plain, "delete", path)
    assert response.status_code == 403
    assert response.json()["error"] == READ_ONLY
    assert ManagementContact.objects.filter(pk=contact.pk).exists()
    _token, full = services.issue_token(None, cast.people["secretariat"], name="Underhåll")
    assert call(full, "delete", path).status_code == 204
    assert not ManagementContact.objects.filter(pk=contact.pk).exists()


def test_the_same_write_goes_through_with_a_read_and_write_token(cast):
    _token, plain = services.issue_token(None, cast.people["member"], name="Intranätet")
    response = call(plain, "post", FEED, {"action": "create"})
    assert response.status_code == 200
    assert CalendarFeed.objects.filter(person=cast.people["member"]).exists()


def test_token_works_through_its_last_day_and_then_401_without_data(cast):
    token, plain = services.issue_token(
        None, cast.people["secretariat"], name="Rapporter", expires_on=today()
    )
    assert call(plain, "get", "/api/v1/networks").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_on=today() - datetime.timedelta(days=1))
    response = call(plain, "get", "/api/v1/networks")
    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "unauthorized", "message": "API-nyckeln har gått ut."}
    }
    assert cast.network.name not in response.content.decode()


def test_issuing_refuses_a_past_last_day_and_an_unknown_scope(cast):
    person = cast.people["member"]
    with pytest.raises(ServiceError, match="före i dag"):
        services.issue_token(None, person, name="X", expires_on=today() - datetime.timedelta(1))
    with pytest.raises(ServiceError, match="read"):
        services.issue_token(None, person, name="X", scope="admin")
    assert not ApiToken.objects.exists()


def test_existing_tokens_keep_reading_and_writing(cast):
    """Tokens from before issue 13 (the migration's default) may still write."""
    token, _plain = services.issue_token(None, cast.people["member"], name="Gammal")
    assert token.scope == "write" and token.expires_on is None and not token.read_only


# ---- the token list ------------------------------------------------------------------------------


def test_command_makes_read_only_tokens_with_a_last_day_and_lists_them(cast):
    last = today() + datetime.timedelta(days=90)
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_api_token",
        email=cast.people["reader"].email,
        name="Instrumentpanel",
        read_only=True,
        expires=last.isoformat(),
        stdout=out,
        stderr=err,
    )
    token = ApiToken.objects.get()
    assert token.scope == "read" and token.expires_on == last
    assert f"read only, until {last:%Y-%m-%d}" in err.getvalue()
    listing = io.StringIO()
    call_command("create_api_token", list=True, stdout=listing)
    line = listing.getvalue().strip()
    assert "Instrumentpanel" in line and "  read  " in line
    assert f"active until {last:%Y-%m-%d}" in line

    ApiToken.objects.update(expires_on=today() - datetime.timedelta(days=1))
    listing = io.StringIO()
    call_command("create_api_token", list=True, stdout=listing)
    assert "expired" in listing.getvalue()


def test_command_refuses_a_bad_date(cast):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command(
            "create_api_token",
            email=cast.people["reader"].email,
            name="X",
            expires="i morgon",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert not ApiToken.objects.exists()


def test_admin_token_list_shows_scope_and_last_day(cast, client_for):
    from samverkan.people.models import User

    last = today() + datetime.timedelta(days=30)
    services.issue_token(None, cast.people["reader"], name="Läsnyckel", scope="read")
    services.issue_token(None, cast.people["member"], name="Skrivnyckel", expires_on=last)
    User.objects.filter(pk=cast.user("secretariat").pk).update(is_staff=True, is_superuser=True)
    body = client_for("secretariat").get("/admin/api/apitoken/").content.decode()
    assert "Behörighet" in body and "Gäller till och med" in body
    assert "bara läsa" in body and "läsa och ändra" in body
    with translation.override("sv"):
        assert formats.date_format(last) in body
