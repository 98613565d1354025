"""Issue 15, §3: the retention decisions (the secretariat)."""

from django.urls import path

from samverkan.records.retention import views

urlpatterns = [
    path("gallring/", views.retention, name="retention"),
]
