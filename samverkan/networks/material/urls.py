"""URLs of material (N5) and questions to the secretariat (ST1), in the networks namespace
(samverkan/urls.py joins them)."""

from django.urls import path

from samverkan.networks.material import views

before_slug = [
    path("fragor/", views.question_inbox, name="question_inbox"),
]

after_slug = [
    path("<slug:slug>/material/", views.material, name="material"),
    path("<slug:slug>/material/<int:pk>/granskad/", views.review, name="review"),
    path("<slug:slug>/fragor/", views.questions, name="questions"),
    path("<slug:slug>/fragor/<int:pk>/", views.question, name="question"),
]
