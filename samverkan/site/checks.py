"""The settings a production instance must set, checked before it starts (issue 18, §1).

Registered as deployment checks: `manage.py check --deploy` lists them beside Django's own, and
`refuse_to_start_unless_ready()` (called by deploy/gunicorn.conf.py before the first worker
starts) and `manage.py check --deploy --tag samverkan_production --tag mail` (`make serve` and
the systemd units of the worker and the scheduler) stop with every error at once, named and
with what to set. The secret key is checked even earlier, when the settings are read
(samverkan/core/secret_key.py, issue 13), and the e-mail backend by Django (mail.E001)."""

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core import checks
from django.http.request import validate_host
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

TAG = "samverkan_production"
# Set only in the development default of SAMVERKAN_ALLOWED_HOSTS (samverkan/settings.py): the
# host name of Django's test client, never a real server's.
DEVELOPMENT_ONLY_HOST = "testserver"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@checks.register(TAG, deploy=True)
def allowed_hosts(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[Any]:
    hosts = list(settings.ALLOWED_HOSTS)
    if not hosts or DEVELOPMENT_ONLY_HOST in hosts:
        return [
            checks.Error(
                _("SAMVERKAN_ALLOWED_HOSTS är inte satt: utvecklingens standardvärde används."),
                hint=_(
                    "Ange serverns värdnamn, t.ex. SAMVERKAN_ALLOWED_HOSTS=samverkan.example.se."
                ),
                id="samverkan.E001",
            )
        ]
    if "*" in hosts:
        return [
            checks.Warning(
                _("SAMVERKAN_ALLOWED_HOSTS godtar alla värdnamn (*)."),
                hint=_("Ange serverns egna värdnamn, så att falska Host-huvuden avvisas."),
                id="samverkan.W001",
            )
        ]
    return []


@checks.register(TAG, deploy=True)
def site_url(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[Any]:
    url = settings.SITE_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return [
            checks.Error(
                _("SAMVERKAN_SITE_URL (%(url)s) är ingen fullständig adress.") % {"url": url},
                hint=_(
                    "Ange adressen som användarna når tjänsten på, t.ex. "
                    "SAMVERKAN_SITE_URL=https://samverkan.example.se. Den står i e-post, "
                    "kalenderflöden och enkätlänkar."
                ),
                id="samverkan.E002",
            )
        ]
    host = parts.hostname
    found: list[Any] = []
    if not validate_host(host, settings.ALLOWED_HOSTS):
        found.append(
            checks.Error(
                _(
                    "SAMVERKAN_SITE_URL (%(url)s) pekar på %(host)s, som inte finns i "
                    "SAMVERKAN_ALLOWED_HOSTS: länkarna i e-post och kalendrar skulle inte fungera."
                )
                % {"url": url, "host": host},
                hint=_("Sätt SAMVERKAN_SITE_URL till tjänstens adress, eller lägg till värden."),
                id="samverkan.E003",
            )
        )
    if parts.scheme == "http" and host not in LOOPBACK:
        found.append(
            checks.Warning(
                _("SAMVERKAN_SITE_URL (%(url)s) använder http, inte https.") % {"url": url},
                hint=_("Länkar i e-post skulle gå okrypterat. Använd https://."),
                id="samverkan.W002",
            )
        )
    return found


@checks.register(TAG, deploy=True)
def sender(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[Any]:
    """The mail backend itself is Django's own deployment check (mail.E001: a console, file,
    memory or dummy backend delivers nothing), which the start check runs too."""
    if settings.DEFAULT_FROM_EMAIL.endswith("@localhost"):
        return [
            checks.Warning(
                _("DEFAULT_FROM_EMAIL (%(sender)s) är ingen adress som går att svara till.")
                % {"sender": settings.DEFAULT_FROM_EMAIL},
                hint=_("Ange avsändaren, t.ex. DEFAULT_FROM_EMAIL=samverkan@example.se."),
                id="samverkan.W003",
            )
        ]
    return []


@checks.register(TAG, deploy=True)
def collected_static_files(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[Any]:
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    manifest = Path(settings.STATIC_ROOT or "") / staticfiles_storage.manifest_name
    if not manifest.is_file():
        return [
            checks.Error(
                _(
                    "De statiska filerna (CSS, skript) är inte samlade i %(root)s: varje sida "
                    "skulle svara med ett serverfel."
                )
                % {"root": settings.STATIC_ROOT},
                hint=_("Kör manage.py collectstatic --no-input efter varje uppdatering."),
                id="samverkan.E004",
            )
        ]
    return []


def refuse_to_start_unless_ready() -> None:
    """With DEBUG off: print this module's warnings, and stop (exit status 1) with every error
    when there is one. For deploy/gunicorn.conf.py, before any worker starts."""
    if settings.DEBUG:
        return
    found = checks.run_checks(include_deployment_checks=True, tags=[TAG, checks.Tags.mail])
    errors = [m for m in found if m.is_serious()]
    for message in found:
        print(_describe(message), file=sys.stderr)
    if errors:
        print(
            ngettext(
                "Samverkan startar inte: %(count)s inställning saknas eller är fel (se ovan).",
                "Samverkan startar inte: %(count)s inställningar saknas eller är fel (se ovan).",
                len(errors),
            )
            % {"count": len(errors)},
            file=sys.stderr,
        )
        raise SystemExit(1)


def _describe(message: checks.CheckMessage) -> str:
    level = _("FEL") if message.is_serious() else _("VARNING")
    text = f"{level} {message.id}: {message.msg}"
    return f"{text}\n    {message.hint}" if message.hint else text
