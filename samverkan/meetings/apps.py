from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "samverkan.meetings"
    verbose_name = "Möten"

    def ready(self) -> None:
        from samverkan.meetings import audit, sections  # noqa: F401

        sections.register()
