import pytest
from django.core.cache import caches


@pytest.fixture
def kept_fragments(settings):
    """Fragments kept as production keeps them (history/fragments.py): each process's own
    memory, apart from the shared "default" cache (the tests' default keeps none)."""
    settings.CACHES = {
        **settings.CACHES,
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
        },
    }
    caches["fragments"].clear()
    yield caches["fragments"]
    caches["fragments"].clear()
