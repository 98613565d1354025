"""Reads about the cooperation itself."""

from samverkan.cooperation.models import Cooperation

DEFAULT_COLOUR = "#00476b"


def brand_colour() -> str:
    """The cooperation's primary colour, for charts drawn in its graphic profile (N5)."""
    coop = Cooperation.objects.order_by("pk").only("primary_colour").first()
    return coop.primary_colour if coop else DEFAULT_COLOUR
