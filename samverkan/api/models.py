"""API tokens: an integration acts as the person the secretariat issued its token to."""

import datetime
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
    class Scope(models.TextChoices):
        # Issue 13: a token may be read-only; a write through it is refused with 403.
        READ = "read", _("bara läsa")
        WRITE = "write", _("läsa och ändra")

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
    scope = models.CharField(
        _("behörighet"),
        max_length=5,
        choices=Scope.choices,
        default=Scope.WRITE,
        help_text=_("Bara läsa: nyckeln kan hämta men aldrig ändra något."),
    )
    expires_on = models.DateField(
        _("gäller till och med"),
        null=True,
        blank=True,
        help_text=_("Tomt: gäller tills nyckeln återkallas."),
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
    def read_only(self) -> bool:
        return self.scope == self.Scope.READ

    def has_expired(self, today: datetime.date) -> bool:
        """A token works through its last day, `expires_on`, and not after."""
        return self.expires_on is not None and self.expires_on < today

    @property
    def is_secretariat(self) -> bool:
        """A token is a secretariat token exactly when its person belongs to the secretariat."""
        return bool(self.person.is_secretariat)
