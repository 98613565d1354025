"""Reads about the cooperation itself."""

from typing import Any

from samverkan.cooperation.models import Cooperation
from samverkan.history import fragments
from samverkan.history.fragments import fragment_key

DEFAULT_COLOUR = "#00476b"


def brand_colour() -> str:
    """The cooperation's primary colour, for charts drawn in its graphic profile (N5)."""
    coop = Cooperation.objects.order_by("pk").only("primary_colour").first()
    return coop.primary_colour if coop else DEFAULT_COLOUR


def current_cooperation(request: Any = None) -> Cooperation | None:
    """The instance's cooperation, read once per request, and kept in the process until the
    recorded data changes (history/fragments.py): every page's header shows it."""
    if request is not None and hasattr(request, "_cooperation"):
        return request._cooperation
    key = fragment_key("cooperation")
    coop = fragments.get_object(key)
    if coop is None:
        coop = Cooperation.objects.order_by("pk").first() or False
        fragments.put_object(key, coop)
    coop = coop or None
    if request is not None:
        request._cooperation = coop
    return coop
