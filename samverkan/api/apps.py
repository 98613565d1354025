from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "samverkan.api"
    verbose_name = "API"

    def ready(self) -> None:
        from samverkan.api import audit  # noqa: F401
