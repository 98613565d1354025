"""NUL bytes out of the query string, for every page and the API (issue 18, item 4).

Nobody types a NUL byte, and PostgreSQL cannot hold one in a text parameter: a filter such as
`/oversikt/?omrade=a%00b` was a 500 there (and matched nothing on SQLite). Form fields refuse
NUL with a validation error of their own (Django's CharField and choice fields); the query
string is read by views directly, so it is cleaned here, before any view sees it. POST bodies
are left to the forms (reading them here would also fix the upload handlers too early); the
API cleans its own bodies (samverkan/api/hostile.py)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, QueryDict


def without_nul(data: QueryDict) -> QueryDict:
    """`data` itself when it holds no NUL byte, else a copy with every one removed."""
    if not any("\x00" in key or any("\x00" in v for v in data.getlist(key)) for key in data):
        return data
    copy = QueryDict(mutable=True)
    for key in data:
        copy.setlist(key.replace("\x00", ""), [v.replace("\x00", "") for v in data.getlist(key)])
    copy._mutable = False
    return copy


class StripNulBytesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.GET = without_nul(request.GET)  # type: ignore[assignment]
        return self.get_response(request)
