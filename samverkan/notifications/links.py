"""Personal links that are put into a notice's e-mail only when it is sent (issue 13, item 1).

Some links must never be stored readably, such as a survey's one-time link (SPEC §6): whoever
reads the stored notices (the admin, a copy of the database) could use it or test it. A notice
of such a kind holds PLACEHOLDER in its body instead; the room that made the notice registers
a resolver for its kind, which rebuilds the link from what it keeps (and the secret key) when
the e-mail is built. The inbox and the admin show a neutral text in its place.

A higher room registers (this room may not import it):

    from samverkan.notifications.links import register

    register("survey_invitation", lambda notification: "https://…")

Only notices of a registered kind are filled, so a placeholder typed into some other notice's
text (say, a question to the secretariat) is never replaced by anybody's link."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils import translation
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from samverkan.notifications.models import Notification

PLACEHOLDER = "[[personlig-länk]]"

Resolver = Callable[["Notification"], str | None]
_resolvers: dict[str, Resolver] = {}


def register(kind: str, resolver: Resolver) -> Resolver:
    _resolvers[kind] = resolver
    return resolver


def registered(kind: str) -> bool:
    return kind in _resolvers


def _language(notification: "Notification") -> str:
    from samverkan.notifications.services import language_of

    return language_of(notification.recipient)


def email_body(notification: "Notification") -> str:
    """The body as e-mailed: the placeholder replaced by the recipient's link, built now."""
    body = notification.body
    if PLACEHOLDER not in body:
        return body
    resolver = _resolvers.get(notification.kind)
    link = resolver(notification) if resolver is not None else None
    if not link:
        with translation.override(_language(notification)):
            link = _("(Länken gäller inte längre.)")
    return body.replace(PLACEHOLDER, link)


def shown_body(notification: "Notification") -> str:
    """The body as the inbox, the API and the admin show it: never the link itself."""
    body = notification.body
    if PLACEHOLDER not in body or not registered(notification.kind):
        return body
    return body.replace(PLACEHOLDER, _("(Länken finns i e-postmeddelandet.)"))
