from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, path, re_path, reverse
from django.views.decorators.csrf import csrf_exempt

from samverkan.api.api import api
from samverkan.api.errors import json_method_errors, unknown_path
from samverkan.api.hostile import guard


@csrf_exempt
def index(request: HttpRequest) -> JsonResponse:
    """/api/v1/ itself: where the description and the docs are."""
    return JsonResponse(
        {
            "name": api.title,
            "version": api.version,
            "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
            "docs": request.build_absolute_uri(reverse("api:openapi-view")),
        }
    )


# (Not named app_name/namespace: include() would read those off this module.)
_patterns, _app, _namespace = api.urls
for _pattern in _patterns:
    if not isinstance(_pattern, URLPattern):
        continue
    # ninja's "api-root" only answers 404 (it exists for reverse()); serve the index instead.
    _view = index if _pattern.name == "api-root" else _pattern.callback
    _pattern.callback = guard(json_method_errors(cast(Callable[..., HttpResponse], _view)))

urlpatterns = [
    path("", (_patterns, _app, _namespace)),  # type: ignore[arg-type]
    # Last: whatever /api/v1/… no route serves is a JSON 404, not the site's HTML page.
    # ([\s\S], not ".": a path with a newline is an unknown address too, issue 18.)
    re_path(r"^(?P<rest>[\s\S]*)$", unknown_path, name="api-unknown"),
]
