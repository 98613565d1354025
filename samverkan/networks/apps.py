from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "samverkan.networks"
    verbose_name = "Nätverk"
