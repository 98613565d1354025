"""A middleware for the browser tests' gunicorn only (tests/browser/served_settings.py).

Between two tests the tests' own process empties every table (pytest-django's transactional
flush), and Django then makes the content types again, with new ids. A long-lived server
process would go on writing history entries with the content type ids it cached before (a
FOREIGN KEY failure at commit), so it forgets them at the start of each request, as the tests'
own process does after each flush."""

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse


def forget_content_types(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        ContentType.objects.clear_cache()
        return get_response(request)

    return middleware
