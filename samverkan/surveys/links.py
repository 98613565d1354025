"""The survey's personal links go into the invitation and reminder e-mails only when they are
sent (issue 13, item 1): the stored notice holds notifications' placeholder, and this resolver
rebuilds the link from the invitation's nonce and the secret key. Registered when the app is
ready (apps.py)."""

from samverkan.notifications import links
from samverkan.notifications.models import Notification
from samverkan.surveys.models import Invitation

KINDS = ("survey_invitation", "survey_reminder")


def personal_link(notification: Notification) -> str | None:
    """The link of the invitation the notice is about, for its own recipient only."""
    from samverkan.surveys.services import survey_url

    if notification.content_type_id is None or notification.object_id is None:
        return None
    invitation = notification.about
    if not isinstance(invitation, Invitation) or invitation.person_id != notification.recipient_id:
        return None
    return survey_url(invitation)


def register() -> None:
    for kind in KINDS:
        links.register(kind, personal_link)
