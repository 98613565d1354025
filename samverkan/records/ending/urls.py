"""Issue 15, §2: ending a person (the secretariat)."""

from django.urls import path

from samverkan.records.ending import views

urlpatterns = [
    path("personer/<int:pk>/avsluta/", views.end, name="end_person"),
]
