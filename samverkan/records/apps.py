from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "samverkan.records"
    verbose_name = _("Allmänna handlingar")
