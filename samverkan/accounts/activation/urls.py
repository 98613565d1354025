from django.urls import path

from samverkan.accounts.activation import views

urlpatterns = [
    path("aktivera/<str:uidb64>/<str:token>/", views.activate, name="activate"),
    path("aktivering/<int:pk>/skicka-igen/", views.resend, name="resend_activation"),
]
