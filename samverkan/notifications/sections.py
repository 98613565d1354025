"""The inbox's panel on Min sida; failed e-mail on the dashboard."""

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


@section("dashboard", "notifications.failed", "notifications/_dashboard_failed.html", order=3)
def failed_emails(request: HttpRequest, area: str, today: datetime.date) -> dict[str, Any]:
    """The secretariat's notice of e-mail given up (issue 18 §3), only when there is any."""
    failed = Notification.objects.filter(email_status=Notification.EmailStatus.FAILED).count()
    return {"failed": failed}
