from typing import Any

from django.http import HttpRequest

from samverkan.cooperation.models import Cooperation


def cooperation(request: HttpRequest) -> dict[str, Any]:
    """The instance's name and graphic profile for every page (N5)."""
    coop = getattr(request, "_cooperation", None)
    if coop is None:
        coop = Cooperation.objects.order_by("pk").first()
        request._cooperation = coop  # type: ignore[attr-defined]
    return {"cooperation": coop}
