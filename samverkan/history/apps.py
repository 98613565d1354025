from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "samverkan.history"
    verbose_name = "Historik"

    def ready(self) -> None:
        # The words of the history in words (issue 16, point 12).
        from samverkan.history import vocabulary  # noqa: F401
