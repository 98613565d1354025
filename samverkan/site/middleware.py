"""Site-wide middleware: the user's own language, and messages for htmx partials."""

from collections.abc import Callable

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

# Response headers with which htmx leaves the page instead of swapping into it.
LEAVING_HEADERS = ("HX-Redirect", "HX-Location", "HX-Refresh")


class HtmxMessagesMiddleware:
    """Show at once the messages an htmx request queued ("Punkten är tillagd.").

    A partial swap does not render base.html, so its messages would wait for the next page.
    They are appended to the partial as an out-of-band swap into the page's status region,
    which a screen reader then announces."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and not response.streaming
            and response.status_code < 300
            and response.get("Content-Type", "").startswith("text/html")
            and not any(header in response for header in LEAVING_HEADERS)
            and b'id="messages"' not in response.content
        ):
            storage = get_messages(request)
            if len(storage):
                response.content += render_to_string(
                    "messages.html", {"messages": storage, "oob": True}, request=request
                ).encode()
        return response


class UserLanguageMiddleware:
    """A signed-in user's own language choice wins over the browser's (SPEC §6)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and getattr(user, "language", None):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language  # type: ignore[attr-defined]
        response = self.get_response(request)
        return response
