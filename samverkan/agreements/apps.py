from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "samverkan.agreements"
    verbose_name = "Överenskommelser"

    def ready(self) -> None:
        from samverkan.agreements import audit  # noqa: F401
