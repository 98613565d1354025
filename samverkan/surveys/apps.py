from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "samverkan.surveys"
    verbose_name = "Enkäter"

    def ready(self) -> None:
        from samverkan.surveys import links

        links.register()
