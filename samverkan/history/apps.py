from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "samverkan.history"
    verbose_name = "Historik"
