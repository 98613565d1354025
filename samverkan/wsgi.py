import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")
application = get_wsgi_application()

# The URLconf (with the API's schemas, about 0.9 s) is loaded as the worker starts rather than
# by its first request, so that the first page after a restart is not seconds slow (issue 17,
# bench/README.md: "cold").
from django.urls import get_resolver  # noqa: E402

get_resolver().url_patterns  # noqa: B018
