from django.apps import AppConfig


class CostsConfig(AppConfig):
    name = "samverkan.costs"
    verbose_name = "Kostnader"
