"""URLs of the lifecycle pages, in the networks namespace (samverkan/urls.py joins them)."""

from django.urls import path

from samverkan.networks.lifecycle import views

# Before "<slug>/", which would otherwise take them for a network's slug.
before_slug = [
    path("foreslaa/", views.propose, name="propose"),
    path("svar/<str:token>/", views.answer_link, name="answer_link"),
]

after_slug = [
    path("<slug:slug>/uppstart/", views.progress, name="progress"),
    path("<slug:slug>/uppstart/svar/<int:pk>/", views.answer, name="answer"),
    path("<slug:slug>/uppstart/bjud-in/", views.invite, name="invite"),
    path("<slug:slug>/uppstart/aktivera/", views.activate, name="activate"),
    path("<slug:slug>/deltagande/", views.participation, name="participation"),
    path("<slug:slug>/deltagande/<int:pk>/beslut/", views.decide, name="decide"),
    path("<slug:slug>/avsluta/", views.close, name="close"),
    path("<slug:slug>/export.json", views.export, name="export"),
]
