"""What every page shows: the cooperation's profile and the header's unread count."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from samverkan.cooperation.selectors import current_cooperation
from samverkan.notifications.selectors import unread_count


def cooperation(request: HttpRequest) -> dict[str, Any]:
    """The instance's name and graphic profile for every page (N5)."""
    return {"cooperation": current_cooperation(request)}


def unread_notifications(request: HttpRequest) -> dict[str, object]:
    """The header's unread count, queried only when a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
