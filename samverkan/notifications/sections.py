"""The inbox's panel on Min sida."""

import datetime
from typing import Any

from django.http import HttpRequest

from samverkan.core.plugins import section
from samverkan.notifications.models import Notification
from samverkan.people.models import Person


@section("my_page", "notifications.inbox", "notifications/_my_inbox.html", order=30)
def my_inbox(request: HttpRequest, person: Person, today: datetime.date) -> dict[str, Any]:
    unread = Notification.objects.filter(recipient=person, read_at__isnull=True).count()
    return {"unread": unread}
