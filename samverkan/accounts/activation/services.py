"""An account for everyone the system names (issue 12, item 5).

When a service names a person (member, coordinator, secretary, onboarding representative,
management contact, the directors' group) it calls `invite(person)`. A person who cannot sign
in yet gets an account with no usable password and one activation notice, through notify(), in
their own language: a single-use link to choose a password, or, where their municipality's
OpenID Connect provider serves their e-mail domain, a plain "sign in with your municipality's
account". The notice's key makes it once per person; the secretariat may send it again."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from samverkan.accounts.activation.tokens import activation_token
from samverkan.accounts.oidc.providers import provider_for_email
from samverkan.accounts.services import account_for
from samverkan.core.errors import ServiceError
from samverkan.history.context import acting
from samverkan.notifications.models import Notification
from samverkan.notifications.services import notify_in_their_language
from samverkan.people.access import require_secretariat
from samverkan.people.models import Person, User

KIND = "activation"


def has_activated(person: Person) -> bool:
    """The person has chosen a password or signed in once (by any way, a provider's too).
    Reads only `person.user`, so a list that selects it stays flat in queries."""
    user = person.user if person.user_id else None
    return user is not None and (user.has_usable_password() or user.last_login is not None)


def can_sign_in(person: Person) -> bool:
    """An active account with a password, a provider's account or a sign-in behind it."""
    from allauth.socialaccount.models import SocialAccount

    user = person.user if person.user_id else None
    if user is None or not user.is_active:
        return False
    return has_activated(person) or SocialAccount.objects.filter(user=user).exists()


def activation_url(user: User) -> str:
    path = reverse(
        "accounts:activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": activation_token.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


def _send(person: Person, user: User, *, key: str) -> list[Notification]:
    login_url = settings.SITE_URL.rstrip("/") + reverse("account_login")
    provider = provider_for_email(person.email)
    if provider is not None:

        def render() -> tuple[str, str]:
            return (
                _("Logga in i Samverkan med ditt kommunkonto"),
                _(
                    "Hej %(name)s!\n\nDu finns nu med i Samverkan. Logga in med ditt kommunkonto: "
                    "välj ”%(button)s” på inloggningssidan:\n%(url)s\n\n"
                    "Meddelandet finns också i din inkorg i Samverkan:"
                )
                % {"name": person.name, "button": provider.name, "url": login_url},
            )

    else:
        link = activation_url(user)

        def render() -> tuple[str, str]:
            return (
                _("Aktivera ditt konto i Samverkan"),
                _(
                    "Hej %(name)s!\n\nDu finns nu med i Samverkan. Välj ett lösenord med länken "
                    "nedan; den fungerar en gång och gäller i %(days)d dagar:\n%(link)s\n\n"
                    "Sedan loggar du in med din e-postadress, %(email)s, på %(url)s\n\n"
                    "Meddelandet finns också i din inkorg i Samverkan:"
                )
                % {
                    "name": person.name,
                    "days": settings.ACTIVATION_DAYS,
                    "link": link,
                    "email": user.email,
                    "url": login_url,
                },
            )

    return notify_in_their_language([person], render=render, kind=KIND, key=key)


def _can_be_invited(person: Person) -> bool:
    return bool(person.email) and person.anonymised_on is None and not can_sign_in(person)


def invite(person: Person, *, actor: Any = None) -> bool:
    """Give a named person a way to sign in: an account and one activation notice, at most
    once per person. Nothing happens to a person who can already sign in, whose account is
    deactivated, or who has no e-mail address. Returns whether a notice was made now."""
    account = person.user if person.user_id else None
    if not _can_be_invited(person) or (account is not None and not account.is_active):
        return False
    with transaction.atomic(), acting(actor, "invite_person"):
        user = account_for(person)
        if user is None:
            return False
        return bool(_send(person, user, key=f"{KIND}:{person.pk}"))


def _send_again(person: Person) -> bool:
    user = account_for(person)
    if user is None or not user.is_active:
        return False
    sent = Notification.objects.filter(recipient=person, kind=KIND).count()
    # The first notice has invite()'s key, so that invite() later sends none.
    key = f"{KIND}:{person.pk}:{sent + 1}" if sent else f"{KIND}:{person.pk}"
    return bool(_send(person, user, key=key))


def resend_activation(actor: Any, person: Person) -> bool:
    """The secretariat sends a person's activation again, with a fresh link."""
    require_secretariat(actor)
    if not person.email:
        raise ServiceError(_("%(name)s har ingen e-postadress.") % {"name": person.name})
    if not _can_be_invited(person):
        raise ServiceError(_("%(name)s kan redan logga in.") % {"name": person.name})
    with transaction.atomic(), acting(actor, "resend_activation"):
        if not _send_again(person):
            raise ServiceError(
                _("%(name)s har ett konto som inte kan aktiveras. Kontakta administratören.")
                % {"name": person.name}
            )
    return True


def activation_instead_of_reset(email: str) -> bool:
    """A password reset asked for an address whose person cannot sign in yet: that person is
    sent the activation again instead of "unknown account". Returns whether it was sent."""
    person = (
        Person.objects.filter(email__iexact=email.strip(), anonymised_on__isnull=True)
        .select_related("user")
        .first()
    )
    if person is None or not _can_be_invited(person):
        return False
    with transaction.atomic(), acting(None, "activation_on_reset"):
        return _send_again(person)


def invite_everyone(*, actor: Any = None) -> int:
    """Everyone with an e-mail address who cannot sign in and was never e-mailed an activation
    is sent one now: for people written in bulk, or whose notices were made inside
    `inbox_only()` (the demo). Returns how many were sent."""
    emailed = (
        Notification.objects.filter(kind=KIND)
        .exclude(email_status=Notification.EmailStatus.SKIPPED)
        .values("recipient_id")
    )
    people = (
        Person.objects.filter(anonymised_on__isnull=True)
        .exclude(email="")
        .exclude(pk__in=emailed)
        .select_related("user")
        .order_by("pk")
    )
    sent = 0
    for person in people:
        if _can_be_invited(person):
            with transaction.atomic(), acting(actor, "invite_person"):
                sent += _send_again(person)
    return sent
