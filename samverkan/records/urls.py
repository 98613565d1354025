"""/handlingar/: a person's register extract and ending, the retention decisions, a closed
network's archive package (issue 15)."""

from django.urls import include, path

app_name = "records"

urlpatterns = [
    path("", include("samverkan.records.extract.urls")),
    path("", include("samverkan.records.ending.urls")),
    path("", include("samverkan.records.retention.urls")),
    path("", include("samverkan.records.archive.urls")),
]
