from typing import Any

from django.db.models import QuerySet

from samverkan.notifications.models import Notification
from samverkan.people.models import Person


def inbox(person: Person) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(recipient=person).select_related("network").defer("attachments")
    )


def unread_count(user: Any) -> int:
    return Notification.objects.filter(recipient__user=user, read_at__isnull=True).count()


def failed_emails() -> QuerySet[Notification]:
    """Notices whose e-mail was given up, newest first, for the secretariat's list."""
    return (
        Notification.objects.filter(email_status=Notification.EmailStatus.FAILED)
        .select_related("recipient", "network")
        .defer("attachments", "body")
    )


def waiting_emails() -> dict[str, Any]:
    """Notices whose e-mail failed and waits for its next attempt: how many, and the first."""
    waiting = Notification.objects.filter(
        email_status=Notification.EmailStatus.PENDING, next_attempt_at__isnull=False
    )
    first = waiting.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    return {"count": waiting.count(), "next_attempt_at": first}
