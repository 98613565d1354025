from django.urls import path

from samverkan.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.start, name="start"),
    path("mall.xlsx", views.template, name="template"),
    path("bekrafta/", views.confirm, name="confirm"),
    path("aktiveringsmejl/", views.activations, name="activations"),
]
