import os

import pytest
from django.core.cache import cache, caches
from django.test import Client

from tests.cast import Cast, build_cast

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the
# test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _clear_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # history/fragments.py keeps pages until the next history entry; tests often write
        # with QuerySet.update() or bulk_create, which leave none, so pages are built every
        # time here. tests/networks/test_page_fragments.py keeps them, as production does.
        "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Argon2 is the real hasher (settings); tests hash many passwords and need no strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The second factor is tested in tests/accounts/test_mfa.py and tests/browser/test_mfa.py,
    # which turn it on; elsewhere only staff need one (client_for's sessions have shown it).
    settings.SECOND_FACTOR_REQUIRED = "none"
    cache.clear()
    caches["fragments"].clear()
    yield
    cache.clear()
    caches["fragments"].clear()


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


@pytest.fixture
def client_for(cast):
    """client_for("coordinator") → a test client signed in as that member of the cast."""

    def make(name: str) -> Client:
        client = Client()
        if name != "anonymous":
            client.force_login(cast.user(name))
            second_factor_shown(client, cast.user(name))
        return client

    return make


def second_factor_shown(client: Client, user) -> None:
    """Mark a force_login'ed client's session as having shown its second factor, as allauth
    records it after a TOTP code (issue 12): client_for's people are fully signed in."""
    from allauth.account.internal.flows.login import record_authentication
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "mfa", type="totp")
    request.session.save()


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, whose superuser has also shown a second factor (staff
    always need one, issue 12)."""
    client.force_login(admin_user)
    second_factor_shown(client, admin_user)
    return client


@pytest.fixture(autouse=True)
def _swedish_by_default():
    """Every test starts in Swedish. A request by a user who chose English activates English
    in the thread that the test client shares with the test, and it would otherwise stay on
    for whichever test that xdist worker runs next."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """Compile the English catalogue when its .mo is missing or older than the .po (fresh clone).

    The .mo files are git-ignored and normally built by scripts/setup.sh."""
    from pathlib import Path

    from django.conf import settings
    from django.core.management import call_command

    for locale_dir in settings.LOCALE_PATHS:
        for po in Path(locale_dir).glob("*/LC_MESSAGES/*.po"):
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                call_command(
                    "compilemessages",
                    locale=[po.parent.parent.name],
                    ignore_patterns=[".venv", "node_modules", "var", ".git"],
                    verbosity=0,
                )
