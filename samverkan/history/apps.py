from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "samverkan.history"
    verbose_name = "Historik"

    def ready(self) -> None:
        from samverkan.history import receivers  # noqa: F401
