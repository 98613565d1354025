"""Settings facts that more than one process and more than one host rely on (issue 18 §3, §6).

Each test reads samverkan/settings.py afresh with the environment a deployment would give it."""

import runpy
from pathlib import Path

import pytest

SETTINGS = Path(__file__).resolve().parent.parent / "samverkan" / "settings.py"


def _settings(monkeypatch, **env: str) -> dict:
    for name in ("EMAIL_HOST", "CACHE_URL", "DATABASE_REPLICA_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_smtp_has_a_timeout(monkeypatch):
    options = _settings(monkeypatch, EMAIL_HOST="smtp.example.se")["MAILERS"]["default"]["OPTIONS"]
    assert options["timeout"] == 10
    options = _settings(monkeypatch, EMAIL_HOST="smtp.example.se", SAMVERKAN_EMAIL_TIMEOUT="3")[
        "MAILERS"
    ]["default"]["OPTIONS"]
    assert options["timeout"] == 3


@pytest.mark.parametrize(
    ("cache_url", "backend"),
    [
        ("", "django.core.cache.backends.db.DatabaseCache"),
        ("redis://127.0.0.1:6379/0", "django.core.cache.backends.redis.RedisCache"),
    ],
)
def test_the_cache_is_shared_by_every_process(monkeypatch, cache_url, backend):
    """Login limits and used one-time codes (allauth keeps both in the default cache) hold
    across web servers only if no process keeps its own cache."""
    caches = _settings(monkeypatch, CACHE_URL=cache_url)["CACHES"]
    assert caches["default"]["BACKEND"] == backend


def test_a_used_one_time_code_is_remembered_in_the_shared_cache(db, cast):
    """allauth remembers a used TOTP code (and counts failed logins) in the default cache, so
    with the shared cache above a code used on one web server is refused on the other. Shown
    here the other way round: emptying the cache is what makes the code usable again."""
    from allauth.mfa.totp.internal import auth
    from django.core.cache import cache

    totp = auth.TOTP.activate(cast.user("secretariat"), auth.generate_totp_secret())
    secret = totp.instance.data["secret"]
    code = auth.format_hotp_value(
        auth.hotp_value(secret, next(auth.yield_hotp_counters_from_time()))
    )
    assert totp.validate_code(code)
    assert not totp.validate_code(code)
    cache.clear()
    assert totp.validate_code(code)


def test_read_replica_is_an_extra_alias_with_its_router(monkeypatch):
    values = _settings(monkeypatch, DATABASE_REPLICA_URL="postgres://ro@replica:5432/samverkan")
    assert values["DATABASES"]["replica"]["HOST"] == "replica"
    assert values["DATABASES"]["replica"]["TEST"] == {"MIRROR": "default"}
    assert values["DATABASE_ROUTERS"] == ["samverkan.core.replica.ReplicaRouter"]
    assert "replica" not in _settings(monkeypatch)["DATABASES"]


def test_retries_last_more_than_a_day(monkeypatch):
    assert sum(_settings(monkeypatch)["NOTIFICATIONS_RETRY_MINUTES"]) >= 24 * 60
