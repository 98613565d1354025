from django.urls import path

from samverkan.dashboard import lists, views

app_name = "dashboard"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("livscykel/<slug:kind>/", lists.lifecycle_list, name="lifecycle"),
    path("att-gora/<slug:kind>/", views.duties, name="duties"),
]
