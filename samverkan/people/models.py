"""People and their accounts. A Person is who takes part; a User is how they sign in."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("E-post krävs.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """Signs in with an e-mail address; the language is the person's own choice (SPEC §6)."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-post"), unique=True)
    language = models.CharField(
        _("språk"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []  # type: ignore[misc]

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("konto")
        verbose_name_plural = _("konton")

    def __str__(self) -> str:
        return self.email


class Person(models.Model):
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "cooperation.Municipality",
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    organisation = models.ForeignKey(
        "cooperation.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    unit = models.CharField(_("förvaltning/enhet"), max_length=200, blank=True)
    # Issue 12, item 6: holds only an address the person verified or the secretariat set, and
    # at most one person holds it (the constraint below); find_or_create_person matches on it.
    email = models.EmailField(_("e-post"), blank=True, db_index=True)
    # A person's own new address, waiting for the link sent to it: never matched, invited,
    # notified or signed in with until it is verified and moved to `email`.
    pending_email = models.EmailField(_("ny e-post, ej bekräftad"), blank=True)
    pending_email_requested_at = models.DateTimeField(_("ny e-post begärd"), null=True, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    is_secretariat = models.BooleanField(_("sekretariatet"), default=False)
    # N6: when the person last confirmed that the contact details are right.
    contact_confirmed_on = models.DateField(_("kontaktuppgifter bekräftade"), null=True, blank=True)
    anonymised_on = models.DateField(_("anonymiserad"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="person_email_unique_ci",
                violation_error_message=_("Adressen används redan av en annan person."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Stored lower-cased, as the constraint compares them (issue 12, item 6).
        self.email = self.email.strip().lower()
        self.pending_email = self.pending_email.strip().lower()
        super().save(*args, **kwargs)

    def contact_is_stale(self, today: datetime.date, months: int = 12) -> bool:
        if self.contact_confirmed_on is None:
            return True
        return (today - self.contact_confirmed_on).days > months * 365 // 12
