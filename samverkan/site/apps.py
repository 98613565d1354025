from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site around the domains: middleware, context processors, template tags, and the
    one place where every room's plug-in modules are found (core/plugins.py)."""

    name = "samverkan.site"
    label = "samverkan_site"
    verbose_name = "Webbplats"

    def ready(self) -> None:
        from samverkan.core.plugins import discover

        discover()
