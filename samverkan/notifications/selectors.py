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
