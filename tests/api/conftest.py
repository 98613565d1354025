import json
from typing import Any

import pytest
from django.test import Client

from samverkan.api import services

TOKEN_HOLDERS = ["reader", "member", "secretary", "coordinator", "secretariat", "outsider"]


class ApiCaller:
    """A test client that calls the API as one member of the cast: with that person's bearer
    token, or anonymously; `.json(path)` returns (status, body)."""

    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.token = token

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers())

    def json(self, path: str, **params: Any) -> tuple[int, Any]:
        response = self.get(path, **params)
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        return response.status_code, json.loads(response.content)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The cast's accounts need no Argon2 here; the API never checks a password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def tokens(cast) -> dict[str, str]:
    """A plain API token for every cast member who has an account."""
    return {
        name: services.issue_token(None, cast.people[name], name=f"Test {name}")[1]
        for name in TOKEN_HOLDERS
    }


@pytest.fixture
def api_as(cast, tokens):
    """api_as("coordinator") → an ApiCaller with the coordinator's token;
    api_as("anonymous") without one; api_as("anonymous_published") anonymous on an instance
    that publishes its catalogue."""

    def make(name: str) -> ApiCaller:
        if name == "anonymous_published":
            cast.cooperation.publish_catalogue = True
            cast.cooperation.save(update_fields=["publish_catalogue"])
            return ApiCaller(None)
        return ApiCaller(tokens.get(name))

    return make
