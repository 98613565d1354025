"""E-mail addresses that cannot be taken over (issue 12, item 6).

Person.email is what the system matches people by (find_or_create_person, the activation
e-mail, a provider's verified claim), so it holds only an address the person has shown they
read, or one the secretariat set; one person at most holds each (a database constraint,
case-insensitive). A person's own new address waits in Person.pending_email until the person
opens a signed link sent to it, valid for VALID_FOR; until then the old address is the one
that matches, receives notices and signs in. The services in services.py call these helpers
inside their transaction.
"""

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.people.models import Person, User

logger = logging.getLogger(__name__)

VALID_FOR = datetime.timedelta(days=3)
_SALT = "samverkan.people.email-change"


def normalise(email: str) -> str:
    return email.strip().lower()


def taken_message() -> str:
    return _("Adressen används redan av en annan person.")


def invalid_link_message() -> str:
    return _("Länken är ogiltig. Kontrollera att hela länken kom med.")


def is_taken(email: str, person: Person) -> bool:
    """Whether another person, or another person's sign-in, has the address."""
    if not email:
        return False
    people = Person.objects.filter(email__iexact=email)
    users = User.objects.filter(email__iexact=email)
    sign_ins = EmailAddress.objects.filter(email__iexact=email, verified=True)
    if person.pk is not None:
        people = people.exclude(pk=person.pk)
    if person.user_id is not None:
        users = users.exclude(pk=person.user_id)
        sign_ins = sign_ins.exclude(user_id=person.user_id)
    return people.exists() or users.exists() or sign_ins.exists()


@contextmanager
def unique_writes() -> Iterator[None]:
    """A write that loses a race for an address is the same refusal as one found before."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise ServiceError(taken_message(), field="email") from error


def save_unique(person: Person) -> None:
    with unique_writes():
        person.save()


def ask_to_change(person: Person, email: str) -> str:
    """The person's own new address: kept pending, and a link sent to it after commit.
    Returns the link's token."""
    if not email:
        raise ServiceError(_("Ange en e-postadress."), field="email")
    if is_taken(email, person):
        raise ServiceError(taken_message(), field="email")
    person.pending_email = email
    person.pending_email_requested_at = timezone.now()
    token = signing.dumps({"p": person.pk, "e": email}, salt=_SALT)
    transaction.on_commit(partial(_send_link, person.pk, email, token))
    return token


def set_address(person: Person, email: str) -> None:
    """Make `email` the person's address, and their sign-in's where they have one (a cleared
    address leaves the sign-in as it was). Any pending change is dropped."""
    if is_taken(email, person):
        raise ServiceError(taken_message(), field="email")
    person.email = email
    person.pending_email = ""
    person.pending_email_requested_at = None
    user = person.user
    if user is None or not email or user.email.lower() == email:
        return
    with unique_writes():
        user.email = email
        user.save(update_fields=["email"])
        # allauth also signs in and resets passwords by its EmailAddress rows: the old address
        # must stop working there too.
        if EmailAddress.objects.filter(user=user).exists():
            EmailAddress.objects.filter(user=user).delete()
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)


def read_token(person: Person, token: str) -> str:
    """The new address a link confirms for `person`, or a ServiceError saying why not."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=VALID_FOR)
    except signing.SignatureExpired as error:
        raise ServiceError(
            _(
                "Länken har gått ut. Ange den nya adressen igen under Mina kontaktuppgifter så "
                "skickar vi en ny länk."
            )
        ) from error
    except signing.BadSignature as error:
        raise ServiceError(invalid_link_message()) from error
    if not isinstance(data, dict) or data.get("p") != person.pk:
        raise ServiceError(invalid_link_message())
    if not person.pending_email or data.get("e") != person.pending_email:
        raise ServiceError(
            _(
                "Länken gäller inte längre: adressen är redan bekräftad eller ersatt av en "
                "senare ändring."
            )
        )
    if is_taken(person.pending_email, person):
        raise ServiceError(taken_message(), field="email")
    return person.pending_email


def _send_link(person_pk: int, email: str, token: str) -> None:
    """The one e-mail that goes to an unverified address: the link to verify it. Not a notice
    (notify() writes to Person.email, the old address)."""
    person = Person.objects.select_related("user").filter(pk=person_pk).first()
    if person is None or person.pending_email != email:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("people:verify_email", args=[token])
    language = person.user.language if person.user else settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Bekräfta din nya e-postadress i Samverkan")
        body = _(
            "Hej %(name)s!\n\n"
            "Du har bett att få byta e-postadress i Samverkan till %(email)s. Öppna länken och "
            "bekräfta bytet. Länken gäller i %(days)s dagar.\n\n%(link)s\n\n"
            "Har du inte bett om det kan du bortse från meddelandet. Din gamla adress gäller "
            "tills den nya är bekräftad."
        ) % {"name": person.name, "email": email, "days": VALID_FOR.days, "link": link}
    try:
        send_mail(subject, body, None, [email])
    except Exception:  # the change stays pending; the person can ask again
        logger.exception("Could not send the e-mail verification link to person %s", person_pk)
