from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "samverkan.networks"
    verbose_name = "Nätverk"

    def ready(self) -> None:
        from samverkan.networks import audit  # noqa: F401
