from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The secretariat's overview (/oversikt/): every rule for every network, with the panels
    that other rooms add to it."""

    name = "samverkan.dashboard"
    verbose_name = "Översikt"
