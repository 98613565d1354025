"""Tokens: created by the command, shown once, stored as a hash, revocable."""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.test import Client

from samverkan.api.models import ApiToken, hash_token
from samverkan.history.models import HistoryEntry
from samverkan.people.models import Person


def create(email: str, name: str = "Intranätet") -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("create_api_token", email=email, name=name, stdout=out, stderr=err)
    return out.getvalue().strip()


def get(token: str, path: str = "/api/v1/networks"):
    return Client().get(path, headers={"Authorization": f"Bearer {token}"})


def test_command_prints_token_once_and_stores_only_its_hash(cast):
    assert ApiToken.objects.count() == 0
    plain = create(cast.people["secretariat"].email)
    token = ApiToken.objects.get()
    assert plain.startswith("sv_") and len(plain) > 40
    assert token.key_prefix == plain[:8]
    assert token.key_hash == hash_token(plain)
    assert plain not in {token.name, token.key_prefix, token.key_hash}
    assert token.person == cast.people["secretariat"]
    assert token.is_secretariat
    assert token.name == "Intranätet"


def test_token_acts_as_its_person(cast):
    plain = create(cast.people["coordinator"].email)
    assert get(plain, "/api/v1/compliance/socialchefsnatverket").status_code == 200
    assert get(plain, "/api/v1/compliance").status_code == 403
    token = ApiToken.objects.get()
    assert not token.is_secretariat
    assert token.last_used_at is not None


def test_revoked_token_is_refused(cast):
    plain = create(cast.people["reader"].email)
    assert get(plain).status_code == 200
    out = io.StringIO()
    call_command("create_api_token", revoke=plain[:8], stdout=out)
    assert "revoked" in out.getvalue()
    token = ApiToken.objects.get()
    assert token.revoked_at is not None
    response = get(plain)
    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "unauthorized",
        "message": "API-nyckeln är återkallad.",
    }


def test_revoking_twice_changes_nothing(cast):
    plain = create(cast.people["reader"].email)
    call_command("create_api_token", revoke=plain[:8], stdout=io.StringIO())
    revoked_at = ApiToken.objects.get().revoked_at
    out = io.StringIO()
    call_command("create_api_token", revoke=plain[:8], stdout=out)
    assert "already revoked" in out.getvalue()
    assert ApiToken.objects.get().revoked_at == revoked_at


def test_token_of_a_deactivated_account_is_refused(cast):
    plain = create(cast.people["reader"].email)
    user = cast.user("reader")
    user.is_active = False
    user.save()
    assert get(plain).status_code == 401


def test_token_needs_a_person_with_an_account(cast):
    Person.objects.create(name="Utan Konto", email="utan.konto@example.se")
    with pytest.raises(CommandError, match="No person with an account"):
        create("utan.konto@example.se")
    with pytest.raises(CommandError, match="No person with an account"):
        create("ingen@example.se")
    with pytest.raises(CommandError, match="No token starts with"):
        call_command("create_api_token", revoke="sv_nope", stdout=io.StringIO())
    assert ApiToken.objects.count() == 0


def test_issuing_and_revoking_are_in_the_history_without_the_hash(cast):
    plain = create(cast.people["reader"].email)
    call_command("create_api_token", revoke=plain[:8], stdout=io.StringIO())
    entries = HistoryEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ApiToken)
    ).order_by("pk")
    assert [e.verb for e in entries] == ["issue_token", "revoke_token"]
    assert all("key_hash" not in (e.changes or {}) for e in entries)
    assert "revoked_at" in entries[1].changes


def test_list_shows_prefix_and_state(cast):
    plain = create(cast.people["reader"].email)
    out = io.StringIO()
    call_command("create_api_token", list=True, stdout=out)
    assert plain[:8] in out.getvalue() and "active" in out.getvalue()
    assert plain not in out.getvalue()


def test_secretariat_revokes_in_the_admin(cast, tokens, client_for, api_as):
    """The admin only lists and revokes tokens; a superuser of the secretariat revokes one."""
    user = cast.user("secretariat")
    user.is_staff = user.is_superuser = True
    user.save()
    reader = api_as("reader")
    assert reader.get("/api/v1/networks").status_code == 200
    token = ApiToken.objects.get(person=cast.people["reader"])
    response = client_for("secretariat").post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert reader.get("/api/v1/networks").status_code == 401
    entry = HistoryEntry.objects.filter(object_pk=str(token.pk), verb="revoke_token").get()
    assert entry.actor == user
