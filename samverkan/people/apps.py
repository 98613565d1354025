from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "samverkan.people"
    verbose_name = "Personer"
