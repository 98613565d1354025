"""503 with Retry-After while the database cannot be reached (issue 18 §2).

A PostgreSQL restart takes a few seconds; a request in those seconds used to be a 500. Now it
is a 503 that says when to try again: JSON under /api/ (the API's error shape), a Swedish page
elsewhere, rendered without the database (no context processors, no session).

Where the error arises decides who sees it first. Raised in a view, it reaches
`process_exception`. Raised in a middleware below this one (the session, the signed-in user,
the second factor), Django has already turned it into a 500 response before this middleware
sees the response; the `got_request_exception` signal, sent while the exception is being
handled, marks the request so that the 500 is replaced. The API's own handler for unexpected
errors (samverkan/api/errors.py) answers the same 503 for errors inside its routes."""

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from samverkan.core.outage import is_database_unavailable, retry_after_seconds, unavailable_message

logger = logging.getLogger("samverkan.site")

MARK = "_samverkan_database_unavailable"


def unavailable_response(request: HttpRequest) -> HttpResponse:
    """The 503 for `request`: JSON for the API, the Swedish page for everything else."""
    seconds = retry_after_seconds()
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"error": {"code": "unavailable", "message": unavailable_message()}},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        html = render_to_string(
            "503.html", {"message": unavailable_message(), "retry_after": seconds}
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


def _mark(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    if request is not None and is_database_unavailable(sys.exc_info()[1]):
        setattr(request, MARK, True)


got_request_exception.connect(_mark, dispatch_uid="samverkan.site.unavailable")


class QuietOutageFilter(logging.Filter):
    """django.request logs each 500 with its traceback; for an outage answered 503 one line
    a request says enough (the cause is the same for every one of them)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and is_database_unavailable(record.exc_info[1]):
            path = getattr(getattr(record, "request", None), "path", "")
            record.msg = "Database unavailable, answered 503: %s (%s)"
            record.args = (path, record.exc_info[1])
            record.exc_info = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


class DatabaseUnavailableMiddleware:
    """Answer 503 with Retry-After instead of a 500 while the database is unreachable. Listed
    just inside the security headers (settings), outside every middleware that reads the
    database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        request_logger = logging.getLogger("django.request")
        if not any(isinstance(f, QuietOutageFilter) for f in request_logger.filters):
            request_logger.addFilter(QuietOutageFilter())

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, MARK, False):
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        logger.warning("Database unavailable, answered 503: %s (%s)", request.path, exception)
        return unavailable_response(request)
