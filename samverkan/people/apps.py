from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "samverkan.people"
    verbose_name = "Personer"

    def ready(self) -> None:
        from samverkan.people import audit  # noqa: F401
