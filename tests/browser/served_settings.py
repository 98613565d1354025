"""Settings of the browser tests' gunicorn (tests/browser/served.py): production's, with DEBUG
off and WhiteNoise serving the collected files, on the test database, with what the tests' own
process changes for every test (tests/conftest.py) so that both processes agree."""

import json
import os

from samverkan.settings import *  # noqa: F403

DATABASES = {"default": json.loads(os.environ["SAMVERKAN_TEST_SERVED_DATABASE"])}
# The test cast's passwords are hashed with MD5 (tests/conftest.py), for speed.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
SECOND_FACTOR_REQUIRED = "none"
# Each gunicorn worker its own cache: no login limit counted in one test run carries over to
# another run sharing the machine's Redis.
# No "fragments" cache (samverkan/history/fragments.py): pages are built every time, as the
# browser tests also change data straight through the ORM between two page loads.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MAILERS = {
    "default": {
        "BACKEND": "tests.browser.served.FolderMailBackend",
        "OPTIONS": {"file_path": os.environ["SAMVERKAN_TEST_SERVED_MAIL"]},
    }
}
# The tests' process empties the tables between tests: no cached content type ids, and no
# connection kept from one test into the next (tests/browser/fresh.py).
MIDDLEWARE = ["tests.browser.fresh.forget_content_types", *MIDDLEWARE]  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0
