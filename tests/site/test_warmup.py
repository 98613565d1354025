"""A new web worker warms up before its first request (issue 17; samverkan/site/warmup.py,
gunicorn's post_worker_init in deploy/gunicorn.conf.py): every template of the project is
compiled then, so no page waits for one, and none of them fails to compile."""

import logging
import os
import subprocess
import sys
from typing import Any
from unittest import mock

from django.forms.renderers import get_default_renderer
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader
from django.test import Client

from samverkan.site.warmup import own_template_names, warm_up


def cached_loader(engine: Any = None) -> CachedLoader:
    backend: Any = engine or engines["django"]
    loader = backend.engine.template_loaders[0]
    assert isinstance(loader, CachedLoader), "DEBUG is off in the tests: the cached loader"
    return loader


def test_after_the_warm_up_no_page_reads_a_template_again(cast, client_for, caplog):
    names = own_template_names()
    assert "dashboard/dashboard.html" in names and "base.html" in names, names[:10]
    cached_loader().reset()
    cached_loader(get_default_renderer().engine).reset()  # the form widgets' own engine
    with caplog.at_level(logging.WARNING, logger="samverkan.site.warmup"):
        took = warm_up()
    assert not caplog.records, [r.getMessage() for r in caplog.records]
    assert set(took) == {"urls", "templates", "languages", "services", "database"}
    client = client_for("secretariat")
    # Every template now comes from the cache: a loader asked for a file's text would fail.
    with (
        mock.patch.object(
            type(cached_loader().loaders[0]), "get_contents", side_effect=AssertionError("read")
        ),
        mock.patch.object(
            type(cached_loader().loaders[-1]), "get_contents", side_effect=AssertionError("read")
        ),
    ):
        for path in ("/oversikt/", "/natverk/", f"/natverk/{cast.network.slug}/"):
            assert client.get(path).status_code == 200, path
    assert Client().get("/").status_code == 200


def test_a_template_that_does_not_compile_is_named_in_the_log(db, settings, tmp_path, caplog):
    (tmp_path / "trasig.html").write_text("{% if %}", encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    with caplog.at_level(logging.WARNING, logger="samverkan.site.warmup"):
        warm_up()
    assert any("trasig.html" in r.getMessage() for r in caplog.records), caplog.records


def test_the_warm_up_loads_what_the_first_request_would_import(tmp_path):
    """Issue 17: a new worker's first request imported the sign-in backends, the session's
    serializer, the messages' storage, the cache backends and the SQL compiler (20–30 ms of
    the first dashboard), and opened the database connection on its first query. In a fresh
    interpreter, after the warm-up they are loaded and the connection is open, with the
    content types read; a database that cannot be reached is logged, and the warm-up ends."""
    script = (
        "import sys, django; django.setup()\n"
        "from django.db import connections\n"
        "from samverkan.site.warmup import warm_up\n"
        "first = set(sys.modules)\n"
        "warm_up()\n"
        "print(sorted(set(sys.modules) - first))\n"
        "from django.contrib.contenttypes.models import ContentType\n"
        "print(connections['default'].connection is not None,"
        " bool(ContentType.objects._cache.get('default')))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samverkan.settings",
        "SAMVERKAN_DEBUG": "0",
        "SAMVERKAN_SECRET_KEY": "kP3nX9qLw2ZtR7vBm4YcJ8sHd6FgA1eUo5iKlQxNzWbVrTyMpCjG0aSfDhE",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'warm.sqlite3'}",
    }

    def run(**extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", script],
            env={**env, **extra},
            capture_output=True,
            text=True,
            timeout=120,
        )

    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "contenttypes", "--no-input"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrated.returncode == 0, migrated.stderr
    done = run()
    assert done.returncode == 0, done.stderr
    loaded, connected = done.stdout.strip().splitlines()[-2:]
    for module in (
        "samverkan.people.backends",
        "allauth.account.auth_backends",
        "django.contrib.sessions.serializers",
        "django.contrib.messages.storage.fallback",
        "django.core.cache.backends.locmem",
        "django.db.models.sql.compiler",
    ):
        assert f"'{module}'" in loaded, module
    assert connected == "True True"
    away = run(DATABASE_URL="postgres://nobody@127.0.0.1:9/none")  # nothing listens there
    assert away.returncode == 0, away.stderr
    assert "the database could not be reached" in away.stderr
    assert away.stdout.strip().splitlines()[-1].startswith("False")
