from django.urls import path

from samverkan.people import views

app_name = "people"

urlpatterns = [
    path("min-sida/", views.my_page, name="my_page"),
    path("personer/mig/", views.my_details, name="me"),
    path("personer/mig/bekrafta-epost/<str:token>/", views.verify_email, name="verify_email"),
    path("personer/sprak/", views.set_language, name="set_language"),
]
