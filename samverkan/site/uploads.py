"""Uploads past SAMVERKAN_UPLOAD_MAX_MB are refused before their body is read: a multipart
request whose Content-Length is larger than the limit (plus room for the form's other fields)
is answered 413, in Swedish, before any view, CSRF check or upload handler touches it. A
request that gives no length (chunked) is read as usual and refused by the services'
check_upload, which looks at every file's size as well."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from samverkan.api.errors import error_response
from samverkan.files.uploads import max_upload_bytes, too_large_message

FORM_ROOM = 1024 * 1024  # the multipart framing and the form's other fields


def declared_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class UploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method in ("POST", "PUT", "PATCH")
            and request.content_type == "multipart/form-data"
            and declared_length(request) > max_upload_bytes() + FORM_ROOM
        ):
            return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request: HttpRequest) -> HttpResponse:
        message = too_large_message()
        if request.path.startswith("/api/"):
            return error_response(413, "too_large", message)
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = ""
        response = render(request, "files/too_large.html", {"message": message, "back": back})
        response.status_code = 413
        return response
