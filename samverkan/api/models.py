"""API tokens: an integration acts as the person the secretariat issued its token to."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "sv_"
SHOWN_CHARS = 8


def hash_token(token: str) -> str:
    """Only this digest is stored; the plain token is shown once and never kept."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> "ApiTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    name = models.CharField(_("namn"), max_length=100, help_text=_("Vem som använder nyckeln."))
    key_prefix = models.CharField(_("nyckelns början"), max_length=SHOWN_CHARS, unique=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
        help_text=_("Nyckeln har samma behörighet som personens konto."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_secretariat(self) -> bool:
        """A token is a secretariat token exactly when its person belongs to the secretariat."""
        return bool(self.person.is_secretariat)
