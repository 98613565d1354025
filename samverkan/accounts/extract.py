"""The account's part of a person's register extract (issue 15 §1): the account, its e-mail
addresses, second factors, sign-ins through the identity provider and its sessions: dates and
kinds, never a secret (no password hash, no TOTP seed, no session key)."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.utils.translation import gettext_lazy as _

from samverkan.people.extract import extract_part, moment, text
from samverkan.people.models import Person


@extract_part(
    "account",
    _("Konto och inloggningar"),
    order=20,
    labels={
        "email": _("Inloggning (e-post)"),
        "is_active": _("Kontot är aktivt"),
        "has_password": _("Har ett lösenord"),
        "language": _("Språk"),
        "date_joined": _("Kontot skapat"),
        "last_login": _("Senast inloggad"),
        "is_staff": _("Administratör"),
        "email_addresses": _("E-postadresser"),
        "second_factors": _("Andra faktorer"),
        "identity_provider": _("Inloggning via identitetsleverantör"),
        "sessions": _("Inloggade sessioner"),
        "verified": _("Bekräftad"),
        "primary": _("Förvald"),
        "type": _("Slag"),
        "created_at": _("Skapad"),
        "last_used_at": _("Senast använd"),
        "provider": _("Leverantör"),
        "last_seen_at": _("Senast aktiv"),
        "ip": _("IP-adress"),
        "user_agent": _("Webbläsare"),
    },
    note=_("Datum och slag, aldrig lösenord, koder eller nycklar."),
)
def account(person: Person) -> dict[str, Any]:
    user = person.user
    if user is None:
        return {}
    return {
        "email": user.email,
        "is_active": user.is_active,
        "has_password": user.has_usable_password(),
        "language": user.language,
        "date_joined": moment(user.date_joined),
        "last_login": moment(user.last_login),
        "is_staff": user.is_staff,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "second_factors": [
            {
                "type": text(a.get_type_display()),
                "created_at": moment(a.created_at),
                "last_used_at": moment(a.last_used_at),
            }
            for a in Authenticator.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "identity_provider": [
            {
                "provider": a.provider,
                "date_joined": moment(a.date_joined),
                "last_login": moment(a.last_login),
            }
            for a in SocialAccount.objects.filter(user=user).order_by("pk")
        ],
        "sessions": [
            {
                "created_at": moment(s.created_at),
                "last_seen_at": moment(s.last_seen_at),
                "ip": s.ip,
                "user_agent": s.user_agent,
            }
            for s in UserSession.objects.filter(user=user).order_by("created_at", "pk")
        ],
    }
