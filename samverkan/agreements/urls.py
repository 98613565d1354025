from django.urls import path

from samverkan.agreements import views

app_name = "agreements"

# Included under natverk/<slug:slug>/ : pages of the network workspace.
urlpatterns = [
    path("overenskommelse/", views.agreement, name="agreement"),
    path("overenskommelse/ny-version/", views.agreement_edit, name="agreement_edit"),
    path("overenskommelse/jamfor/", views.agreement_diff, name="agreement_diff"),
    path("overenskommelse/oversyn/", views.review, name="review"),
    path("samverkan/", views.overview, name="overview"),
    path("arenden/", views.matters, name="matters"),
    path("arenden/<int:pk>/", views.matter, name="matter"),
    path("uppdrag/", views.mandates, name="mandates"),
    path("arbetsgrupper/", views.working_groups, name="working_groups"),
    path("arbetsgrupper/<int:pk>/", views.working_group, name="working_group"),
    path("verksamhetsplan/<int:year>/", views.business_plan, name="business_plan"),
    path(
        "verksamhetsplan/<int:year>/omrade/<int:pk>/",
        views.focus_area_remove,
        name="focus_area_remove",
    ),
    path("ordforande/", views.chairs, name="chairs"),
    path("ordforande/<int:pk>/ta-bort/", views.chairs_withdraw, name="chairs_withdraw"),
    path("ordforande/<int:pk>/ratta/", views.chairs_correct, name="chairs_correct"),
    path("introduktion/", views.onboarding, name="onboarding"),
    path("introduktion/<int:pk>/klar/", views.onboarding_done, name="onboarding_done"),
]
