from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "samverkan.cooperation"
    verbose_name = "Samverkan"
