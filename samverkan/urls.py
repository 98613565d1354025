from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from samverkan.networks import urls as networks_urls
from samverkan.networks import views as network_views
from samverkan.networks.lifecycle import urls as lifecycle_urls
from samverkan.networks.material import urls as material_urls

# The networks namespace joins the networks room's pages with its rooms' (lifecycle,
# material); fixed words such as "foreslaa/" come before "<slug>/".
networks_patterns = [
    *networks_urls.catalogue,
    *lifecycle_urls.before_slug,
    *material_urls.before_slug,
    *networks_urls.by_slug,
    *lifecycle_urls.after_slug,
    *material_urls.after_slug,
]

urlpatterns = [
    path("", network_views.home, name="home"),
    # Issue 16 part D: /inbaddning/, /natverk/andringar.atom (before the networks' <slug>/),
    # /om-samverkan/.
    path("", include("samverkan.site.intranet_urls")),
    path("natverk/", include((networks_patterns, "networks"))),
    path("natverk/<slug:slug>/", include("samverkan.agreements.urls")),
    path("", include("samverkan.meetings.urls")),
    path("oversikt/", include("samverkan.dashboard.urls")),
    path("kostnader/", include("samverkan.costs.urls")),
    path("enkater/", include("samverkan.surveys.urls")),
    path("rapporter/", include("samverkan.reports.urls")),
    path("import/", include("samverkan.imports.urls")),
    path("handlingar/", include("samverkan.records.urls")),
    path("", include("samverkan.people.urls")),
    path("inkorg/", include("samverkan.notifications.urls")),
    # --- Issue 16 part C: the accessibility statement (DOS-lagen) ---
    path("tillganglighet/", include("samverkan.cooperation.accessibility.urls")),
    path("kommuner/", include("samverkan.networks.municipalities.urls")),
    path("filer/", include("samverkan.site.files")),
    path("api/v1/", include("samverkan.api.urls")),
    path("konto/", include("samverkan.accounts.urls")),
    path("konto/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("samverkan.site.favicon")),  # /favicon.ico
]
if settings.BENCH_HELLO:  # bench/run.py: the baselines, never on in production
    from django.template import engines

    from samverkan.networks.models import Network

    # A bare Django page for reference: a template, 20 rows, one query.
    _rows = engines["django"].from_string(
        "<!doctype html><title>20</title><ul>{% for n in rows %}"
        '<li><a href="/natverk/{{ n.slug }}/">{{ n.name }}</a> {{ n.started_on }}</li>'
        "{% endfor %}</ul>"
    )
    urlpatterns += [
        path("bench/hello/", lambda request: HttpResponse("hello")),
        path(
            "bench/rows/",
            lambda request: HttpResponse(
                _rows.render({"rows": Network.objects.order_by("name")[:20]})
            ),
        ),
    ]
# Uploaded files are served by samverkan/site/files.py (access-checked), never at /media/.
