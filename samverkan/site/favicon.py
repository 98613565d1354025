"""/favicon.ico: pages name their icon (base.html), but the admin, the API's documentation and
files opened in the browser do not, and browsers then ask for /favicon.ico."""

from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import path
from django.utils.cache import patch_cache_control


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """A temporary redirect to the icon's hashed name, remembered for a day: a permanent one
    would outlive the next deployment's name."""
    response = HttpResponseRedirect(static("img/favicon.svg"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


urlpatterns = [path("favicon.ico", favicon, name="favicon")]
