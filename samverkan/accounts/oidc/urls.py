"""The same paths as allauth's openid_connect URLs (/konto/oidc/<id>/login/[callback/]), mounted
before allauth.urls so that the guarded views answer; allauth's reverse() names still apply."""

from django.urls import path

from samverkan.accounts.oidc import views

urlpatterns = [
    path("oidc/<str:provider_id>/login/", views.login, name="oidc_login"),
    path("oidc/<str:provider_id>/login/callback/", views.callback, name="oidc_callback"),
]
