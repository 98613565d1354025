"""Issue 15, §2: an ended person can no longer sign in through a municipality's OpenID
Connect provider, neither by the earlier link (the provider's subject) nor by the address:
walked against a real provider (tests/browser/oidc.py), as tests/accounts/test_oidc.py does."""

from typing import Any

import pytest
from django.test import Client

from samverkan.people.models import Person, User
from samverkan.records.ending.services import end_person
from tests.accounts.test_oidc import walk
from tests.browser.oidc import RunningProvider, oidc_testserver  # noqa: F401 (fixture)


@pytest.fixture
def provider(oidc_testserver: RunningProvider, settings: Any) -> RunningProvider:  # noqa: F811
    oidc_testserver.configure(settings)
    return oidc_testserver


def test_ended_person_is_refused_by_the_provider_sign_in(cast, provider):
    user = User.objects.create_user("bertil.oidc@kommun.example", "x-Unused-password-1")
    bertil = Person.objects.create(
        name="Bertil Oidc", email="bertil.oidc@kommun.example", user=user
    )
    first = Client()
    assert walk(first, "bertil").status_code == 302
    assert first.session["_auth_user_id"] == str(user.pk)
    end_person(cast.user("secretariat"), bertil, reason="Har slutat.")
    again = Client()
    response = walk(again, "bertil")
    assert "_auth_user_id" not in again.session
    assert response.status_code in (302, 403)
    assert not User.objects.get(pk=user.pk).is_active
