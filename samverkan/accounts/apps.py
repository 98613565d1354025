from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """How people sign in: activation, the municipalities' OpenID Connect, the second factor,
    login limits and session lifetimes (issue 12). Sits above people and notifications."""

    name = "samverkan.accounts"
    label = "samverkan_accounts"
    verbose_name = "Konton"

    def ready(self) -> None:
        from django.contrib import admin

        from samverkan.accounts import (  # noqa: F401 (receivers)
            admin_login,
            mfa,
            middleware,
            sessions,
        )

        admin_login.send_admin_sign_in_to_the_normal_door(admin.site)
