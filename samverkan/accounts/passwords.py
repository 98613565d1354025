"""Password rules beside Django's (issue 12, item 9): at most 128 characters, and an optional
check against breached passwords (the Pwned Passwords range API: only the first five
characters of the password's SHA-1 hash leave the server).

The breached-password check is off by default (PWNED_PASSWORDS_CHECK), since many municipal
networks block the API. When it is on and the API cannot be reached, pwned-passwords-django
logs an error and lets the password through after Django's common-password check."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pwned_passwords_django.validators import PwnedPasswordsValidator


class MaximumLengthValidator:
    def __init__(self, max_length: int = 128) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                gettext("Lösenordet är för långt: det får vara högst %(max_length)d tecken."),
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self) -> str:
        return gettext("Lösenordet får vara högst %(max_length)d tecken.") % {
            "max_length": self.max_length
        }


class BreachedPasswordValidator(PwnedPasswordsValidator):
    """pwned-passwords-django's validator, with a Swedish message."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "error_message",
            _(
                "Lösenordet finns i listor över lösenord som har läckt från andra tjänster. "
                "Välj ett annat."
            ),
        )
        super().__init__(**kwargs)
