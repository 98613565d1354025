from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site around the domains: middleware, context processors, template tags, and the
    one place where every room's plug-in modules are found (core/plugins.py)."""

    name = "samverkan.site"
    label = "samverkan_site"
    verbose_name = "Webbplats"

    def ready(self) -> None:
        from samverkan.core.forms import guard_id_fields
        from samverkan.core.plugins import discover
        from samverkan.site import checks  # noqa: F401 (registers the production checks)

        discover()
        guard_id_fields()  # issue 18: a huge id in a form is a validation error, not a 500
