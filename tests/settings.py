"""The settings the tests and mypy's Django plugin run on (pyproject.toml): samverkan.settings
with a secret key made up for this run. With DEBUG off, as in the tests, samverkan.settings
refuses to start without SAMVERKAN_SECRET_KEY (issue 13); set here before it is read, and in the
environment, so that processes a test starts get the same key."""

import os
import secrets

if not os.environ.get("SAMVERKAN_SECRET_KEY"):
    os.environ["SAMVERKAN_SECRET_KEY"] = "tests-" + secrets.token_urlsafe(50)

from samverkan.settings import *  # noqa: F403

# Issue 18, part 18A: the static files. The tests render pages without `collectstatic`: plain
# storage (no manifest of hashed names to look up) and WhiteNoise reading the finders on each
# request instead of scanning STATIC_ROOT each time a test client starts. The browser tests'
# production-style server (tests/browser/served.py) collects and serves them as production does.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# On SQLite the test database is a file (in /dev/shm when it has room, so as fast as memory)
# rather than pytest-django's in-memory database: the browser tests' gunicorn, another process,
# reads the same database. Named for this run, as several test runs may share a machine.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    def _test_database_folder() -> str:
        try:
            shm = os.statvfs("/dev/shm")
        except OSError:
            return tempfile.gettempdir()
        return "/dev/shm" if shm.f_bavail * shm.f_frsize > 2**30 else tempfile.gettempdir()

    os.environ.setdefault("SAMVERKAN_TEST_RUN", secrets.token_hex(4))
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(
            _test_database_folder(), f"samverkan-test-{os.environ['SAMVERKAN_TEST_RUN']}.sqlite3"
        )
    }
# On PostgreSQL the tests do not wait for each commit to reach the disk (the test database is
# thrown away at the end): the browser tests and the tests of transactions commit often. Only
# durability differs; what a query sees is the same.
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = (_options.get("options", "") + " -c synchronous_commit=off").strip()
