from django.urls import path

from samverkan.costs import views

app_name = "costs"

urlpatterns = [
    path("", views.summary, name="summary"),
    path("<str:kind>.<str:fmt>", views.summary_export, name="export"),
    path("natverk/<slug:slug>/", views.network_costs, name="network"),
    path("<int:pk>/", views.cost_detail, name="detail"),
    path("<int:pk>/<str:action>/", views.cost_action, name="action"),
]
