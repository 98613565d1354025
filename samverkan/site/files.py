"""Every uploaded file is served here, never from a public /media/: each view asks the access
policy of the object the file belongs to (material: who may read the network's material; a
meeting's attachment: the meeting's readers; the cooperation's logo: anyone), then
files.serving answers with headers that keep the file from running as a page. The same view
runs with DEBUG on and off."""

from django.contrib.auth.decorators import login_required
from django.db.models.fields.files import FieldFile
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_safe

from samverkan.cooperation.models import Cooperation
from samverkan.files.serving import basename, file_response
from samverkan.meetings.access import get_attachment_file_for
from samverkan.networks.material.access import get_material_file_for


def _serve(file: FieldFile, name: str, *, public: bool = False) -> HttpResponse:
    """The file under the name its address gives (an old or made-up name is not found)."""
    if not file or basename(file.name or "") != name:
        raise Http404
    return file_response(file, public=public)


@login_required
@require_safe
def material(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    return _serve(get_material_file_for(request.user, pk).file, name)


@login_required
@require_safe
def attachment(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    return _serve(get_attachment_file_for(request.user, pk).file, name)


@require_safe
def logo(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    coop = Cooperation.objects.filter(pk=pk).first()
    if coop is None:
        raise Http404
    return _serve(coop.logo, name, public=True)


app_name = "files"
urlpatterns = [
    path("material/<int:pk>/<str:name>", material, name="material"),
    path("bilagor/<int:pk>/<str:name>", attachment, name="attachment"),
    path("logotyp/<int:pk>/<str:name>", logo, name="logo"),
]
