"""The archive package as a download (issue 15 §4). Thin: the getter, the service, the file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect

from samverkan.core.errors import ServiceError
from samverkan.records.archive.access import get_network_to_archive
from samverkan.records.archive.services import archive_to_download


@login_required
def package(request: HttpRequest, slug: str) -> HttpResponseBase:
    network = get_network_to_archive(request.user, slug)
    try:
        handle, result = archive_to_download(request.user, network)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(network)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{result.package_id}.zip",
        content_type="application/zip",
    )
