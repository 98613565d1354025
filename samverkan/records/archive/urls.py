from django.urls import path

from samverkan.records.archive import views

urlpatterns = [
    path("natverk/<slug:slug>/arkivpaket.zip", views.package, name="archive_package"),
]
