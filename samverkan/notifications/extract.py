"""Notices sent to a person, in their register extract (issue 15 §1): what, when and whether
it was e-mailed. A personal link that went only into the e-mail is shown as the inbox shows it
(links.py), never as the link itself; nor is a link stored in a notice's text that carries a
secret (an account's activation link): the extract passes through other hands."""

import re
from typing import Any
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from samverkan.notifications.models import DeliveryChoice, Notification
from samverkan.people.extract import extract_part, moment, text
from samverkan.people.models import Person

_LINK = re.compile(r"https?://[^\s<>\"']+")
# A token in a link's path: a long run of letters and digits (Django's tokens, signed values),
# unlike a slug, whose words are joined by hyphens.
_TOKEN = re.compile(r"(?=[A-Za-z0-9_]*\d)[A-Za-z0-9_]{20,}")
LINK_LEFT_OUT = _("(personlig länk, utelämnad)")


def without_secret_links(body: str) -> str:
    def replace(match: re.Match[str]) -> str:
        link = match.group()
        return str(LINK_LEFT_OUT) if _TOKEN.search(urlsplit(link).path) else link

    return _LINK.sub(replace, body)


@extract_part(
    "notices",
    _("Meddelanden till personen"),
    order=80,
    labels={
        "created_at": _("Skapat"),
        "kind": _("Typ"),
        "subject": _("Ämne"),
        "body": _("Text"),
        "email_status": _("E-post"),
        "emailed_at": _("E-postat"),
        "read_at": _("Läst"),
    },
)
def notices(person: Person) -> list[dict[str, Any]]:
    rows = Notification.objects.filter(recipient=person).order_by("created_at", "pk")
    return [
        {
            "created_at": moment(n.created_at),
            "kind": n.kind,
            "subject": n.subject,
            "body": without_secret_links(n.shown_body),
            "email_status": text(n.get_email_status_display()),
            "emailed_at": moment(n.emailed_at),
            "read_at": moment(n.read_at),
        }
        for n in rows
    ]


@extract_part(
    "notice_delivery",
    _("Val av e-post för notiser"),
    order=81,
    labels={"daily_digest": _("Daglig sammanfattning"), "changed_at": _("Ändrat")},
    note=_("Finns bara om personen själv har valt; annars gäller standardvalet."),
)
def notice_delivery(person: Person) -> list[dict[str, Any]]:
    """Issue 16, point 6: the person's own choice of daily digest or one e-mail per notice."""
    return [
        {"daily_digest": choice.daily_digest, "changed_at": moment(choice.changed_at)}
        for choice in DeliveryChoice.objects.filter(person=person)
    ]
