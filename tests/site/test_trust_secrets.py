"""Secrets and HTTPS settings (issue 13, part 4): with DEBUG off the app refuses to start
without a real SAMVERKAN_SECRET_KEY, old keys are fallbacks for rotation, HSTS and the SSL
redirect come from settings, and `manage.py check --deploy` is clean with production settings.

The start-up checks run the settings in a fresh process, as gunicorn or manage.py would."""

import json
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from samverkan.core.secret_key import (
    DEV_DEFAULT_KEY,
    development_key,
    fallback_keys,
    secret_key,
    weakness,
)

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = secrets.token_urlsafe(50)
OLD_KEY = secrets.token_urlsafe(50)
HTTPS_SETTINGS = (
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def run_django(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -c code` after django.setup(), with samverkan.settings and only the SAMVERKAN_
    variables given (none of the test run's own)."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAMVERKAN_", "DJANGO_")) and k not in ("DATABASE_URL", "CACHE_URL")
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="samverkan.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_of(*names: str, **env: str) -> dict[str, object]:
    code = (
        "import json; from django.conf import settings\n"
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(names)!r}}}))"
    )
    done = run_django(code, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---- SECRET_KEY -------------------------------------------------------------------------------


def test_app_refuses_to_start_without_a_key_when_debug_is_off():
    """The attack's root: before issue 13 the app ran on a built-in key that anyone can read.
    Now `django.setup()` with DEBUG off and no SAMVERKAN_SECRET_KEY stops with a clear message."""
    done = run_django("print('started')")
    assert done.returncode != 0
    assert "started" not in done.stdout
    assert "ImproperlyConfigured" in done.stderr
    assert "SAMVERKAN_SECRET_KEY is not set" in done.stderr
    assert "will not start" in done.stderr
    assert "token_urlsafe" in done.stderr  # says how to make one


def test_manage_py_refuses_to_start_on_the_old_built_in_key():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAMVERKAN_", "DJANGO_"))}
    env["SAMVERKAN_SECRET_KEY"] = DEV_DEFAULT_KEY
    done = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "SAMVERKAN_SECRET_KEY is not safe" in done.stderr
    assert "built-in development key" in done.stderr
    assert DEV_DEFAULT_KEY not in done.stderr  # the message never repeats the key


@pytest.mark.parametrize(
    ("key", "why"),
    [
        ("too-short-" + "x" * 20, "at least 50"),
        ("django-insecure-" + secrets.token_urlsafe(50), "placeholder"),
        ("ab" * 40, "different characters"),
    ],
    ids=["short", "django-insecure", "few-characters"],
)
def test_weak_keys_are_refused_when_debug_is_off(key, why, tmp_path):
    with pytest.raises(ImproperlyConfigured, match="SAMVERKAN_SECRET_KEY is not safe") as refused:
        secret_key(debug=False, key_file=tmp_path / "key", environ={"SAMVERKAN_SECRET_KEY": key})
    assert why in str(refused.value)
    assert key not in str(refused.value)
    # with DEBUG on, any key the developer sets is taken
    assert secret_key(debug=True, key_file=tmp_path / "key", environ={"SAMVERKAN_SECRET_KEY": key})


def test_app_starts_on_a_long_random_key_with_fallbacks_and_no_https_by_default():
    got = settings_of(
        "SECRET_KEY",
        "SECRET_KEY_FALLBACKS",
        "DEBUG",
        *HTTPS_SETTINGS,
        SAMVERKAN_SECRET_KEY=GOOD_KEY,
        SAMVERKAN_SECRET_KEY_FALLBACKS=json.dumps([OLD_KEY, GOOD_KEY[::-1]]),
    )
    assert got == {
        "SECRET_KEY": GOOD_KEY,
        "SECRET_KEY_FALLBACKS": [OLD_KEY, GOOD_KEY[::-1]],
        "DEBUG": False,
        # development needs plain HTTP: nothing of HTTPS is on unless set
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_PROXY_SSL_HEADER": None,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
    }


def test_debug_without_a_key_uses_a_development_key_kept_in_a_file(tmp_path):
    key_file = tmp_path / "var" / "secret_key"
    first = secret_key(debug=True, key_file=key_file, environ={})
    assert first != DEV_DEFAULT_KEY
    assert weakness(first) == ""
    assert key_file.read_text().strip() == first
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    # the next start (and every process of `make run`) signs with the same key
    assert secret_key(debug=True, key_file=key_file, environ={}) == first
    assert development_key(key_file) == first
    # a key in the environment wins, even with DEBUG on
    assert secret_key(debug=True, key_file=key_file, environ={"SAMVERKAN_SECRET_KEY": "k"}) == "k"
    # with DEBUG off the file is never read: no key, no start
    with pytest.raises(ImproperlyConfigured, match="is not set"):
        secret_key(debug=False, key_file=key_file, environ={})


# ---- SECRET_KEY_FALLBACKS ---------------------------------------------------------------------


def test_fallbacks_are_a_json_list_or_separated_by_commas():
    assert fallback_keys(debug=False, environ={}) == []
    assert fallback_keys(
        debug=False, environ={"SAMVERKAN_SECRET_KEY_FALLBACKS": json.dumps([OLD_KEY, GOOD_KEY])}
    ) == [OLD_KEY, GOOD_KEY]
    assert fallback_keys(
        debug=False, environ={"SAMVERKAN_SECRET_KEY_FALLBACKS": f" {OLD_KEY} , {GOOD_KEY} ,"}
    ) == [OLD_KEY, GOOD_KEY]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("[not json", "not a valid JSON list"),
        ('{"key": "value"}', None),  # not a list: read as one comma-free key, too short
        ("[1, 2]", "JSON list of strings"),
        (DEV_DEFAULT_KEY, "key 1 in SAMVERKAN_SECRET_KEY_FALLBACKS is not safe"),
        (f"{OLD_KEY},short", "key 2 in SAMVERKAN_SECRET_KEY_FALLBACKS is not safe"),
    ],
    ids=["not-json", "not-a-list", "not-strings", "old-built-in-key", "second-too-short"],
)
def test_bad_fallbacks_stop_the_app_with_a_clear_message(value, message):
    """A weak old key left among the fallbacks would still let anyone sign: refused too."""
    with pytest.raises(ImproperlyConfigured) as refused:
        fallback_keys(debug=False, environ={"SAMVERKAN_SECRET_KEY_FALLBACKS": value})
    if message:
        assert message in str(refused.value)


def test_the_old_built_in_key_as_a_fallback_stops_a_production_start():
    done = run_django(
        "print('started')",
        SAMVERKAN_SECRET_KEY=GOOD_KEY,
        SAMVERKAN_SECRET_KEY_FALLBACKS=DEV_DEFAULT_KEY,
    )
    assert done.returncode != 0
    assert "SAMVERKAN_SECRET_KEY_FALLBACKS is not safe" in done.stderr


# ---- HTTPS ------------------------------------------------------------------------------------


def test_https_settings_come_from_the_environment():
    got = settings_of(
        *HTTPS_SETTINGS,
        SAMVERKAN_SECRET_KEY=GOOD_KEY,
        SAMVERKAN_HSTS_SECONDS="31536000",
        SAMVERKAN_HSTS_INCLUDE_SUBDOMAINS="1",
        SAMVERKAN_HSTS_PRELOAD="1",
        SAMVERKAN_SSL_REDIRECT="1",
        SAMVERKAN_PROXY_SSL_HEADER="1",
    )
    assert got == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        # redirecting every request to HTTPS makes the cookies secure-only by themselves
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }
    # SAMVERKAN_SECURE_COOKIES still decides when it is set
    assert settings_of(
        "SESSION_COOKIE_SECURE",
        SAMVERKAN_SECRET_KEY=GOOD_KEY,
        SAMVERKAN_SSL_REDIRECT="1",
        SAMVERKAN_SECURE_COOKIES="0",
    ) == {"SESSION_COOKIE_SECURE": False}


@pytest.mark.django_db
def test_redirect_to_https_and_hsts_behind_a_proxy(settings):
    """What the settings do: plain HTTP is sent to HTTPS; a request the proxy marks as HTTPS
    is served with Strict-Transport-Security; a client's own header without the setting is
    not trusted."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = Client().get("/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/"
    proxied = Client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"

    settings.SECURE_PROXY_SSL_HEADER = None
    forged = Client().get("/", headers={"X-Forwarded-Proto": "https"})
    assert forged.status_code == 301


# ---- check --deploy ---------------------------------------------------------------------------

PRODUCTION = {
    "SAMVERKAN_SECRET_KEY": GOOD_KEY,
    "SAMVERKAN_SECRET_KEY_FALLBACKS": OLD_KEY,
    "SAMVERKAN_ALLOWED_HOSTS": "samverkan.example.se",
    "SAMVERKAN_CSRF_TRUSTED_ORIGINS": "https://samverkan.example.se",
    "SAMVERKAN_SITE_URL": "https://samverkan.example.se",
    "SAMVERKAN_HSTS_SECONDS": "31536000",
    "SAMVERKAN_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SAMVERKAN_HSTS_PRELOAD": "1",
    "SAMVERKAN_SSL_REDIRECT": "1",
    "SAMVERKAN_SECURE_COOKIES": "1",
    "SAMVERKAN_PROXY_SSL_HEADER": "1",
    "EMAIL_HOST": "smtp.example.se",
    "DEFAULT_FROM_EMAIL": "samverkan@example.se",  # issue 18: samverkan.W003
}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    """README's production settings pass every deployment check: no warning, no error."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAMVERKAN_", "DJANGO_", "EMAIL_")) and k != "CACHE_URL"
    }
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="samverkan.settings")
    # Issue 18 (samverkan.E004): the static files collected, as after `collectstatic`.
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    env["SAMVERKAN_STATIC_ROOT"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "WARNINGS" not in output and "ERRORS" not in output, output
    assert "?:" not in output, output
    assert "System check identified no issues" in output


def test_check_deploy_warns_with_development_settings():
    """The same check is not blind: without the HTTPS settings it names what is missing."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAMVERKAN_", "DJANGO_", "EMAIL_")) and k != "CACHE_URL"
    }
    env.update(
        SAMVERKAN_SECRET_KEY=GOOD_KEY,
        EMAIL_HOST="smtp.example.se",
        DJANGO_SETTINGS_MODULE="samverkan.settings",
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = done.stdout + done.stderr
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in output
