"""Django's SECRET_KEY and SECRET_KEY_FALLBACKS, from the environment (issue 13, part 4).

With DEBUG off the app refuses to start unless SAMVERKAN_SECRET_KEY holds a long random key:
with a key everybody can read (the old built-in development key) anyone can sign an invitation
answer link, a password-reset token or a session. With DEBUG on and no key set, a random key
is made once and kept in var/secret_key, so development needs no configuration.

Rotation: put the new key in SAMVERKAN_SECRET_KEY and the old one in
SAMVERKAN_SECRET_KEY_FALLBACKS; links and sessions signed with the old key keep working until
the old key is taken out of the fallbacks."""

import json
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# The key every earlier checkout ran on; anyone who has read the code can sign with it.
DEV_DEFAULT_KEY = "dev-only-insecure-key-change-me-in-production"
# Django's own bar (check --deploy, security.W009): 50 characters, 5 different ones.
MIN_LENGTH = 50
MIN_UNIQUE_CHARACTERS = 5

HOW_TO_MAKE_ONE = 'python3 -c "import secrets; print(secrets.token_urlsafe(50))"'


def weakness(key: str) -> str:
    """Why `key` may not sign anything in production, or "" when it is good enough."""
    if key == DEV_DEFAULT_KEY:
        return "it is the built-in development key, which anyone can read in the code"
    if key.startswith("django-insecure-"):
        return "it is one of Django's placeholder keys (django-insecure-…)"
    if len(key) < MIN_LENGTH:
        return f"it is {len(key)} characters long; at least {MIN_LENGTH} are needed"
    if len(set(key)) < MIN_UNIQUE_CHARACTERS:
        return f"it has fewer than {MIN_UNIQUE_CHARACTERS} different characters"
    return ""


def _refuse(what: str, why: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(
        f"Samverkan startar inte / will not start: {what} {why}. With SAMVERKAN_DEBUG off, set "
        f"SAMVERKAN_SECRET_KEY to a long random secret (at least {MIN_LENGTH} characters), "
        f"made for example with: {HOW_TO_MAKE_ONE}"
    )


def secret_key(*, debug: bool, key_file: Path, environ: dict[str, str] | None = None) -> str:
    """SAMVERKAN_SECRET_KEY; with DEBUG on and no key set, the development key in `key_file`
    (made on first use). With DEBUG off, a missing or weak key stops the app."""
    env = os.environ if environ is None else environ
    key = env.get("SAMVERKAN_SECRET_KEY", "").strip()
    if key:
        if not debug and (why := weakness(key)):
            raise _refuse("SAMVERKAN_SECRET_KEY is not safe:", why)
        return key
    if not debug:
        raise _refuse("SAMVERKAN_SECRET_KEY", "is not set")
    return development_key(key_file)


def development_key(key_file: Path) -> str:
    """The key in `key_file`, made (random, readable by its owner only) when it is missing.
    Several processes starting at once all end up with the one that was written first."""
    try:
        key = key_file.read_text().strip()
    except FileNotFoundError:
        key = ""
    if key:
        return key
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(MIN_LENGTH)
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip() or key
    with os.fdopen(fd, "w") as out:
        out.write(key + "\n")
    return key


def fallback_keys(*, debug: bool, environ: dict[str, str] | None = None) -> list[str]:
    """SAMVERKAN_SECRET_KEY_FALLBACKS: earlier keys, newest first, as a JSON list of strings or
    separated by commas. With DEBUG off each must be as strong as the key itself (a weak old
    key would still let anyone sign)."""
    env = os.environ if environ is None else environ
    value = env.get("SAMVERKAN_SECRET_KEY_FALLBACKS", "").strip()
    if not value:
        return []
    if value.startswith("["):
        try:
            parsed = json.loads(value)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"SAMVERKAN_SECRET_KEY_FALLBACKS is not a valid JSON list: {exc}"
            ) from exc
        if not isinstance(parsed, list) or not all(isinstance(k, str) for k in parsed):
            raise ImproperlyConfigured(
                "SAMVERKAN_SECRET_KEY_FALLBACKS must be a JSON list of strings, "
                'e.g. ["old-key-1", "old-key-2"], or keys separated by commas.'
            )
        keys = [k.strip() for k in parsed]
    else:
        keys = [k.strip() for k in value.split(",")]
    keys = [k for k in keys if k]
    if not debug:
        for number, key in enumerate(keys, start=1):
            if why := weakness(key):
                raise _refuse(f"key {number} in SAMVERKAN_SECRET_KEY_FALLBACKS is not safe:", why)
    return keys
