"""The settings a production instance must set, checked at start (issue 18, §1):
samverkan/site/checks.py's deployment checks and the start check gunicorn runs."""

import json

import pytest
from django.core import checks

from samverkan.site import checks as production

GOOD = {
    "DEBUG": False,
    "ALLOWED_HOSTS": ["samverkan.example.se"],
    "SITE_URL": "https://samverkan.example.se",
    "DEFAULT_FROM_EMAIL": "samverkan@example.se",
    "MAILERS": {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}},
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    },
}


@pytest.fixture
def production_settings(settings, tmp_path):
    for name, value in GOOD.items():
        setattr(settings, name, value)
    (tmp_path / "staticfiles.json").write_text(json.dumps({"paths": {}, "version": "1.1"}))
    settings.STATIC_ROOT = tmp_path
    return settings


def found() -> dict[str | None, str]:
    messages = checks.run_checks(include_deployment_checks=True, tags=[production.TAG, "mail"])
    return {m.id: str(m.msg) for m in messages}


def test_a_complete_production_configuration_passes(production_settings):
    assert found() == {}


@pytest.mark.parametrize(
    ("name", "value", "check"),
    [
        ("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"], "samverkan.E001"),
        ("ALLOWED_HOSTS", [], "samverkan.E001"),
        ("ALLOWED_HOSTS", ["*"], "samverkan.W001"),
        ("SITE_URL", "samverkan.example.se", "samverkan.E002"),
        ("SITE_URL", "https://annan.example.se", "samverkan.E003"),
        ("SITE_URL", "http://samverkan.example.se", "samverkan.W002"),
        ("DEFAULT_FROM_EMAIL", "samverkan@localhost", "samverkan.W003"),
        (
            "MAILERS",
            {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}},
            "mail.E001",
        ),
    ],
)
def test_each_missing_or_wrong_setting_is_named(production_settings, name, value, check):
    setattr(production_settings, name, value)
    assert check in found()


def test_static_files_not_collected_is_an_error(production_settings, tmp_path):
    production_settings.STATIC_ROOT = tmp_path / "empty"
    message = found()["samverkan.E004"]
    assert "inte samlade" in message and "empty" in message


def test_plain_static_storage_needs_no_manifest(production_settings, tmp_path):
    production_settings.STORAGES = {
        **GOOD["STORAGES"],
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    production_settings.STATIC_ROOT = tmp_path / "empty"
    assert "samverkan.E004" not in found()


def test_the_start_check_stops_with_every_error_at_once(production_settings, capsys):
    production_settings.ALLOWED_HOSTS = []
    production_settings.SITE_URL = "not a url"
    production_settings.DEFAULT_FROM_EMAIL = "samverkan@localhost"
    with pytest.raises(SystemExit) as stopped:
        production.refuse_to_start_unless_ready()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert "FEL samverkan.E001" in err and "FEL samverkan.E002" in err
    assert "VARNING samverkan.W003" in err
    assert "Samverkan startar inte: 2 inställningar saknas eller är fel (se ovan)." in err


def test_the_start_check_lets_a_good_configuration_start(production_settings, capsys):
    production.refuse_to_start_unless_ready()
    assert capsys.readouterr().err == ""


def test_the_start_check_is_off_with_debug_on(production_settings):
    production_settings.DEBUG = True
    production_settings.ALLOWED_HOSTS = []
    production.refuse_to_start_unless_ready()


def test_the_messages_are_in_english_for_english_operators(production_settings):
    from django.utils import translation

    production_settings.ALLOWED_HOSTS = []
    with translation.override("en"):
        assert "SAMVERKAN_ALLOWED_HOSTS is not set" in found()["samverkan.E001"]
