"""URLs of the networks room itself. Its rooms (lifecycle, material) add theirs to the same
`networks:` namespace in samverkan/urls.py, so that this module imports none of them."""

from django.urls import path

from samverkan.networks import views

catalogue = [path("", views.catalogue, name="catalogue")]

by_slug = [
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/arsplan/<int:year>/", views.plan_edit, name="plan_edit"),
    path("<slug:slug>/arsplan/<int:year>/kommentarer/", views.plan_comment, name="plan_comment"),
    path("<slug:slug>/medlemmar/", views.members, name="members"),
    path("<slug:slug>/medlemmar/<int:pk>/avsluta/", views.member_end, name="member_end"),
]
