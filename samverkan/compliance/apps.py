from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "samverkan.compliance"
    verbose_name = "Efterlevnad"
