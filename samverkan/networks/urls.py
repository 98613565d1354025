from django.urls import path

from samverkan.networks import views
from samverkan.networks.lifecycle import urls as lifecycle_urls

app_name = "networks"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    *lifecycle_urls.before_slug,
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/arsplan/<int:year>/", views.plan_edit, name="plan_edit"),
    path("<slug:slug>/medlemmar/", views.members, name="members"),
    path("<slug:slug>/medlemmar/<int:pk>/avsluta/", views.member_end, name="member_end"),
    *lifecycle_urls.after_slug,
]
