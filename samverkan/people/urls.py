from django.urls import path

from samverkan.people import views

app_name = "people"

urlpatterns = [
    path("mig/", views.my_details, name="me"),
    path("sprak/", views.set_language, name="set_language"),
]
