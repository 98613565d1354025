"""The backup archive: one gzip-compressed tar file holding

    manifest.json                          what is in it (below)
    database.sqlite3 | database.pgdump     the database: a SQLite file, or pg_dump's custom format
    media.tar                              the uploaded files (MEDIA_ROOT), as a tar of their own

The manifest names the format, the app's version, the database vendor, the time, the applied
migrations per app (and the latest of each), the row count of every table and the SHA-256 and
size of each part. A reader checks every part against it before anything is restored."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import tarfile
import time
import tomllib
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from samverkan.backup.databases import BackupError

FORMAT = "samverkan-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar"
PARTS = ("database.sqlite3", "database.pgdump", MEDIA)
CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def app_version() -> str:
    """The version in pyproject.toml ("unknown" where the file is not shipped)."""
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as handle:
            return str(tomllib.load(handle)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def size_text(size: int) -> str:
    """A size for people: 950 byte, 12,3 kB, 4,5 MB."""
    if size < 1024:
        return f"{size} byte"
    value, unit = size / 1024, "kB"
    for bigger in ("MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{value:.1f} {unit}".replace(".", ",")


# ---- the uploaded files ----------------------------------------------------------------------


@dataclass(frozen=True)
class MediaFigures:
    files: int
    bytes: int


# Folders of MEDIA_ROOT that hold no record, only work in progress, and stay out of a backup:
# an uploaded register file waiting for its confirmation (personal data, deleted within
# SAMVERKAN_IMPORT_KEEP_HOURS) must not live on in the archives for months.
TRANSIENT_FOLDERS = ("imports",)


def media_files(root: Path) -> list[Path]:
    """The regular files under MEDIA_ROOT, sorted (links and other special files are left out:
    the application writes none), without the TRANSIENT_FOLDERS."""
    if not root.is_dir():
        return []
    found = []
    for folder, dirs, files in os.walk(root):
        if Path(folder) == root:
            dirs[:] = [d for d in dirs if d not in TRANSIENT_FOLDERS]
        dirs.sort()
        for name in sorted(files):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def write_media(root: Path, target: Path) -> MediaFigures:
    files = media_files(root)
    total = 0
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar:
        for path in files:
            info = tar.gettarinfo(str(path), arcname=path.relative_to(root).as_posix())
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with path.open("rb") as handle:
                tar.addfile(info, handle)
            total += info.size
    return MediaFigures(len(files), total)


def extract_media(source: Path, target: Path) -> None:
    """Unpack media.tar into `target`; tarfile's "data" filter refuses any member that would
    land outside it, links, devices and the like."""
    target.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(source, "r:") as tar:
            tar.extractall(target, filter="data")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"De uppladdade filerna i arkivet går inte att packa upp: {exc}") from exc


# ---- writing and reading the archive -----------------------------------------------------------


def write_archive(target: Path, manifest: dict[str, Any], parts: dict[str, Path]) -> None:
    """Write the archive next to `target` and move it into place only when it is complete, so
    that an interrupted backup never leaves a file that looks whole."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(time.time())
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
                for name, path in parts.items():
                    info = tar.gettarinfo(str(path), arcname=name)
                    info.uid = info.gid = 0
                    info.uname = info.gname = ""
                    with path.open("rb") as handle:
                        tar.addfile(info, handle)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


@dataclass(frozen=True)
class Unpacked:
    manifest: dict[str, Any]
    database: Path
    media: Path | None


def unpack(path: Path, into: Path) -> Unpacked:
    """Read the archive at `path` into the folder `into` and check it whole: the manifest, every
    part it names present with its size and SHA-256. Raises BackupError on anything amiss
    (a truncated or damaged file, a part changed since the backup); nothing outside `into` is
    touched."""
    if not path.is_file():
        raise BackupError(f"Arkivet {path} finns inte.")
    found: dict[str, Path] = {}
    manifest: dict[str, Any] | None = None
    try:
        with tarfile.open(path, "r:*") as tar:
            for member in tar:
                if member.name == MANIFEST and member.isfile() and member.size < 50_000_000:
                    handle = tar.extractfile(member)
                    assert handle is not None
                    manifest = json.loads(handle.read().decode("utf-8"))
                elif member.name in PARTS and member.isfile() and member.name not in found:
                    handle = tar.extractfile(member)
                    assert handle is not None
                    target = into / member.name
                    with target.open("wb") as out:
                        while chunk := handle.read(CHUNK):
                            out.write(chunk)
                    found[member.name] = target
                else:
                    raise BackupError(
                        f"Arkivet {path} innehåller {member.name!r}, som inte hör till en "
                        f"säkerhetskopia från Samverkan."
                    )
            # Read the compressed stream to its end, so that gzip checks its length and CRC:
            # a file cut short after the last part is caught too.
            assert tar.fileobj is not None
            while tar.fileobj.read(CHUNK):
                pass
    except BackupError:
        raise
    except (tarfile.TarError, EOFError, OSError, zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise BackupError(
            f"Arkivet {path} går inte att läsa; det är skadat eller avkortat ({exc}). "
            f"Ingenting har återställts."
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"Arkivet {path} saknar en manifestfil från Samverkan ({MANIFEST}).")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Arkivet {path} har formatversion {manifest.get('format_version')!r}; den här "
            f"versionen av Samverkan läser version {FORMAT_VERSION}."
        )
    parts = manifest.get("parts")
    if not isinstance(parts, dict) or not parts:
        raise BackupError(f"Manifestet i {path} räknar inte upp arkivets delar.")
    for name, expected in parts.items():
        if name not in found:
            raise BackupError(
                f"Arkivet {path} saknar delen {name}; det är avkortat eller skadat. "
                f"Ingenting har återställts."
            )
        if not isinstance(expected, dict) or found[name].stat().st_size != expected.get("size"):
            raise BackupError(
                f"Delen {name} i {path} har inte den storlek som manifestet anger; arkivet är "
                f"skadat. Ingenting har återställts."
            )
        if sha256_of(found[name]) != expected.get("sha256"):
            raise BackupError(
                f"Kontrollsumman (SHA-256) för {name} i {path} stämmer inte med manifestet; "
                f"arkivet är skadat eller ändrat. Ingenting har återställts."
            )
    extra = set(found) - set(parts)
    if extra:
        raise BackupError(f"Arkivet {path} innehåller delar som manifestet inte nämner: {extra}.")
    databases = [name for name in parts if name.startswith("database.")]
    if len(databases) != 1:
        raise BackupError(f"Arkivet {path} ska innehålla precis en databas.")
    return Unpacked(manifest, found[databases[0]], found.get(MEDIA))
