from django.urls import include, path

app_name = "accounts"

urlpatterns: list = [
    path("", include("samverkan.accounts.activation.urls")),
    path("", include("samverkan.accounts.oidc.urls")),  # issue 12 A: guarded allauth OIDC views
]
