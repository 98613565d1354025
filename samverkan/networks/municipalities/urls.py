from django.urls import path

from samverkan.networks.municipalities import views

app_name = "municipalities"

urlpatterns = [
    path("", views.municipality_list, name="list"),
    path("personer/", views.people_list, name="people"),  # before "<slug>/"
    path("<slug:slug>/", views.municipality_detail, name="detail"),
    path("<slug:slug>/forvaltningsledning/", views.contact_add, name="contact_add"),
    path(
        "<slug:slug>/forvaltningsledning/<int:pk>/ta-bort/",
        views.contact_remove,
        name="contact_remove",
    ),
]
