from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "samverkan.notifications"
    verbose_name = "Notiser"
