from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """How people sign in: activation, the municipalities' OpenID Connect, the second factor,
    login limits and session lifetimes (issue 12). Sits above people and notifications."""

    name = "samverkan.accounts"
    label = "samverkan_accounts"
    verbose_name = "Konton"
