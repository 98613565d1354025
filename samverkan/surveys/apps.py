from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "samverkan.surveys"
    verbose_name = "Enkäter"
