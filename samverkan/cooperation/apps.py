from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "samverkan.cooperation"
    verbose_name = "Samverkan"

    def ready(self) -> None:
        from samverkan.cooperation import audit  # noqa: F401
