from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "samverkan.notifications"
    verbose_name = "Notiser"

    def ready(self) -> None:
        # Every app may keep its daily reminders in <app>/reminders.py (@daily_reminder).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("reminders")
