from django.apps import AppConfig


class CostsConfig(AppConfig):
    name = "samverkan.costs"
    verbose_name = "Kostnader"

    def ready(self) -> None:
        from samverkan.costs import audit, sections  # noqa: F401

        sections.register()
