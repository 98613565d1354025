from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "samverkan.reports"
    verbose_name = "Rapporter"
