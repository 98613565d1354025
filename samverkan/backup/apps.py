from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "samverkan.backup"
    verbose_name = "Säkerhetskopior"
