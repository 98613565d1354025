from django.urls import include, path

app_name = "accounts"

urlpatterns: list = [
    path("", include("samverkan.accounts.activation.urls")),
]
