from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "samverkan.agreements"
    verbose_name = "Överenskommelser"
