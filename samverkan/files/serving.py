"""Uploaded files as responses that cannot attack the site: the view that serves a file asks
its object's access first (site/files.py); this module only answers with the bytes.

Every file response carries `X-Content-Type-Options: nosniff` and a sandbox CSP, so that no
file runs as a page of the site's own origin, and is a download (`Content-Disposition:
attachment`) unless its content is one of the types shown inline (PDF, PNG, JPEG, checked by
its first bytes, not only by its name). A PDF shown inline has a CSP without `sandbox`:
Chromium refuses to start its PDF viewer in a sandboxed document; it gets no script and no
other source either, and its content was checked to be a PDF.

With SAMVERKAN_FILE_ACCEL the web server sends the bytes (the view still decides who may):
"nginx" answers with X-Accel-Redirect to SAMVERKAN_FILE_ACCEL_PREFIX + the stored name (an
`internal` location aliasing the media folder), "apache" with X-Sendfile and the file's path
(mod_xsendfile)."""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import Storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from samverkan.files.uploads import stored_type

INLINE_TYPES = frozenset({"application/pdf", "image/png", "image/jpeg"})
SANDBOX_CSP = "default-src 'none'; sandbox"
PDF_CSP = "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def basename(name: str) -> str:
    return name.rsplit("/", 1)[-1]


def _local_path(storage: Storage, name: str) -> str | None:
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


def _accelerated(storage: Storage, name: str) -> HttpResponse | None:
    """An empty response that tells the web server to send the file, where one is set up."""
    mode = settings.FILE_ACCEL
    if mode == "nginx" and _local_path(storage, name) is not None:
        response = HttpResponse()
        response["X-Accel-Redirect"] = settings.FILE_ACCEL_PREFIX.rstrip("/") + "/" + quote(name)
        return response
    if mode == "apache" and (path := _local_path(storage, name)) is not None:
        response = HttpResponse()
        response["X-Sendfile"] = path
        return response
    return None


def file_response(file: FieldFile, *, public: bool = False) -> HttpResponse:
    """The stored file, as a download or (PDF, PNG, JPEG) shown inline, with the headers that
    keep it from running as a page; 404 when the file is gone from the storage."""
    name = file.name or ""
    if not name:
        raise Http404
    storage = file.storage
    try:
        handle = storage.open(name, "rb")
    except (OSError, ValueError, FileNotFoundError) as error:
        raise Http404 from error
    mime = stored_type(name, handle)
    inline = mime in INLINE_TYPES
    content_type = mime or "application/octet-stream"
    accelerated = _accelerated(storage, name)
    if accelerated is not None:
        handle.close()
        response: HttpResponse = accelerated
    else:
        response = FileResponse(handle, content_type=content_type)  # type: ignore[assignment]
    response["Content-Type"] = content_type
    disposition = content_disposition_header(as_attachment=not inline, filename=basename(name))
    response["Content-Disposition"] = disposition or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PDF_CSP if mime == "application/pdf" else SANDBOX_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if public:
        patch_cache_control(response, public=True, max_age=3600)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    return response


def file_url(view_name: str, pk: int, file: FieldFile | None) -> str:
    """The address of the view that serves a stored file ("" where there is none)."""
    from django.urls import reverse

    if not file or not file.name:
        return ""
    return reverse(view_name, kwargs={"pk": pk, "name": basename(file.name)})
