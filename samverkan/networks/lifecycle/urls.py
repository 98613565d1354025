"""URLs of the lifecycle pages, included from networks/urls.py (kept apart from the
foundation's views so that both can grow without stepping on each other)."""

from django.urls import path

from samverkan.networks.lifecycle import views
from samverkan.networks.material import views as material_views

before_slug = [
    path("foreslaa/", views.propose, name="propose"),
    path("svar/<str:token>/", views.answer_link, name="answer_link"),
    path("fragor/", material_views.question_inbox, name="question_inbox"),
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
    path("<slug:slug>/material/", material_views.material, name="material"),
    path("<slug:slug>/material/<int:pk>/granskad/", material_views.review, name="review"),
    path("<slug:slug>/fragor/", material_views.questions, name="questions"),
    path("<slug:slug>/fragor/<int:pk>/", material_views.question, name="question"),
]
