from django.urls import path

from samverkan.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("svar/<str:token>/", views.answer, name="answer"),
    path("kommundirektorsgruppen/", views.directors, name="directors"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/fragor/<int:qid>/ta-bort/", views.question_remove, name="question_remove"),
    path("<int:pk>/resultat/", views.results, name="results"),
    path("<int:pk>/resultat.<str:fmt>", views.results_export, name="export"),
    path("<int:pk>/<str:action>/", views.round_action, name="action"),
]
