"""The uploaded file kept between the dry run and the confirmation.

The files are stored under MEDIA_ROOT/imports/<random>/ (the default storage; nothing serves
that folder) under names of our own, never the uploaded ones, and the session holds the
folder's token, each file's SHA-256 and the fingerprint of the report the user was shown. The
confirmation applies the stored bytes, never a new upload: they are read back, checked against
their hashes and the dry run is made again on them (services.import_register, `expected`).
An import, or a new upload in the same session, deletes the files; whatever a session left
behind (a dry run never confirmed) is deleted after SAMVERKAN_IMPORT_KEEP_HOURS by the next
upload."""

import contextlib
import datetime
import hashlib
import os
import secrets
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest
from django.utils import timezone

from samverkan.imports.reading import Source

ROOT = "imports"
SESSION_KEY = "samverkan_import"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def keep(request: HttpRequest, sources: list[Source], *, csv_sheet: str, fingerprint: str) -> str:
    """Store the files of a dry run for this session; returns the token the confirm form
    carries. A dry run kept before in this session is dropped."""
    discard(request)
    sweep()
    token = secrets.token_urlsafe(18)
    files = []
    for i, source in enumerate(sources):
        path = default_storage.save(f"{ROOT}/{token}/{i}.upload", ContentFile(source.data))
        files.append({"path": path, "name": source.name, "sha256": _sha256(source.data)})
    request.session[SESSION_KEY] = {
        "token": token,
        "files": files,
        "csv_sheet": csv_sheet,
        "fingerprint": fingerprint,
        "at": timezone.now().isoformat(),
    }
    return token


def kept(request: HttpRequest, token: str) -> dict[str, Any] | None:
    """This session's dry run with this token, or None."""
    entry = request.session.get(SESSION_KEY)
    if not entry or not token or not secrets.compare_digest(str(entry.get("token")), token):
        return None
    at = datetime.datetime.fromisoformat(entry["at"])
    if timezone.now() - at > datetime.timedelta(hours=settings.IMPORT_KEEP_HOURS):
        return None
    return dict(entry)


def read(entry: dict[str, Any]) -> list[Source] | None:
    """The stored files, or None when one is gone or not the bytes that were uploaded."""
    sources = []
    for item in entry["files"]:
        try:
            with default_storage.open(item["path"], "rb") as handle:
                data = handle.read()
        except (OSError, FileNotFoundError):
            return None
        if _sha256(data) != item["sha256"]:
            return None
        sources.append(Source(item["name"], data))
    return sources


def refresh(request: HttpRequest, fingerprint: str) -> None:
    """The user is now shown another report of the same files: confirming means that one."""
    entry = request.session.get(SESSION_KEY)
    if entry:
        entry["fingerprint"] = fingerprint
        request.session[SESSION_KEY] = entry


def discard(request: HttpRequest) -> None:
    entry = request.session.pop(SESSION_KEY, None)
    if entry:
        _delete_folder(f"{ROOT}/{entry['token']}")


def _delete_folder(folder: str) -> None:
    try:
        _dirs, files = default_storage.listdir(folder)
    except (OSError, FileNotFoundError):
        return
    for name in files:
        default_storage.delete(f"{folder}/{name}")
    # FileSystemStorage leaves the empty folder; remove it where there is one on disk.
    try:
        path = default_storage.path(folder)
    except NotImplementedError:
        return
    with contextlib.suppress(OSError):
        os.rmdir(path)


def sweep(now: datetime.datetime | None = None) -> int:
    """Delete the kept uploads older than SAMVERKAN_IMPORT_KEEP_HOURS; returns how many."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(hours=settings.IMPORT_KEEP_HOURS)
    try:
        folders, _files = default_storage.listdir(ROOT)
    except (OSError, FileNotFoundError):
        return 0
    removed = 0
    for folder in folders:
        path = f"{ROOT}/{folder}"
        try:
            _dirs, files = default_storage.listdir(path)
            times = [default_storage.get_modified_time(f"{path}/{f}") for f in files]
        except (OSError, FileNotFoundError, NotImplementedError):
            continue
        if not times or max(times) < limit:
            _delete_folder(path)
            removed += 1
    return removed
