"""/handlingar/personer/<pk>/: the secretariat's page about a person and the person's
register extract (issue 15 §1)."""

from django.urls import path

from samverkan.records.extract import views

urlpatterns = [
    path("personer/<int:pk>/", views.person, name="person"),
    path("personer/<int:pk>/registerutdrag.pdf", views.extract_pdf_view, name="extract_pdf"),
    path("personer/<int:pk>/registerutdrag.json", views.extract_json, name="extract_json"),
]
