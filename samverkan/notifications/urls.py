from django.urls import path

from samverkan.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("las-alla/", views.read_all, name="read_all"),
    path("e-post/", views.delivery, name="delivery"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/las/", views.read, name="read"),
    path("misslyckade/", views.failed, name="failed"),
    path("misslyckade/skicka-igen/", views.resend, name="resend"),
]
