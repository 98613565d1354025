"""The sign-in backends: Django's and allauth's, loading a session's user with their person.

Every signed-in request asks who the user's person is (people/access.py, the header's
secretariat link): loaded with the user, that is one query instead of two (issue 17). Sessions
name the backend that signed them in, so a session from before these classes were listed asks
its user to sign in again, once."""

from typing import Any

from allauth.account import auth_backends
from django.contrib.auth import backends, get_user_model


class _WithPerson:
    def get_user(self, user_id: Any) -> Any:
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("person").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None  # type: ignore[attr-defined]


class ModelBackend(_WithPerson, backends.ModelBackend):
    """Django's password backend (the admin's sign-in, `authenticate(email=…)`)."""


class AuthenticationBackend(_WithPerson, auth_backends.AuthenticationBackend):
    """allauth's backend (its forms, provider sign-ins)."""
