"""The single-use activation link (issue 12, item 5).

Django's password-reset token with its own salt, so that a reset link and an activation link
cannot stand in for each other, and its own lifetime (ACTIVATION_DAYS instead of
PASSWORD_RESET_TIMEOUT). It hashes the account's password and last login: setting the password
or signing in once makes every earlier link invalid, so a link works once."""

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "samverkan.accounts.activation.ActivationTokenGenerator"

    def check_token(self, user: Any, token: Any) -> bool:
        if not (user and isinstance(token, str)):
            return False
        ts_b36, _sep, _hash = token.partition("-")
        try:
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        age = self._num_seconds(self._now()) - ts
        return age <= settings.ACTIVATION_DAYS * 24 * 60 * 60


activation_token = ActivationTokenGenerator()
