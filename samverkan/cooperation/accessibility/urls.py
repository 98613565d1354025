from django.urls import path

from samverkan.cooperation.accessibility import views

app_name = "accessibility"

urlpatterns = [
    path("", views.statement, name="statement"),
    path("redigera/", views.edit, name="edit"),
]
