from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo cooperation (`manage.py load_demo`), built through the services."""

    name = "samverkan.demo"
    verbose_name = "Demodata"
