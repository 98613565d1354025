"""Backup and restore (SPEC §6 "a backup and restore command"; issue 14, part 3).

`backup(path)` writes one archive (samverkan/backup/archive.py) with the database, the uploaded
files and a manifest, and records a BackupRun. `restore(path, force=...)` checks the archive
whole before it touches anything, then puts the database and the files back and compares every
table's row count with the manifest. Both are for the command line (manage.py backup/restore);
neither has an acting person, and neither writes a history entry (a restore puts back the
history as it was)."""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from samverkan.backup.archive import (
    FORMAT,
    FORMAT_VERSION,
    MEDIA,
    MediaFigures,
    app_version,
    extract_media,
    media_files,
    sha256_of,
    unpack,
    write_archive,
    write_media,
)
from samverkan.backup.databases import (
    DUMPS,
    RESTORES,
    BackupError,
    pg_tool,
    supported,
    table_counts,
)
from samverkan.backup.models import BackupRun

__all__ = ["BackupError", "BackupResult", "RestoreResult", "backup", "restore"]

VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Tables that `migrate` fills by itself, or that hold nothing a restore would lose: a database
# with rows only here is empty (a fresh installation, migrated and perhaps visited once).
BOOKKEEPING = frozenset(
    {"django_migrations", "django_content_type", "auth_permission", "django_session"}
)


def _connection() -> BaseDatabaseWrapper:
    connection = connections[DEFAULT_DB_ALIAS]
    supported(connection.vendor)
    return connection


def _has_table(connection: BaseDatabaseWrapper, table: str) -> bool:
    with connection.cursor() as cursor:
        return table in connection.introspection.table_names(cursor)


# ---- backup ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    sha256: str
    seconds: float
    vendor: str
    tables: dict[str, int]
    media: MediaFigures
    recorded: bool

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def archive_path(path: Path, now: datetime.datetime) -> Path:
    """PATH itself, or, where PATH is a folder, a new file in it named for the time."""
    if path.is_dir() or str(path).endswith(os.sep):
        return path / f"samverkan-{timezone.localtime(now):%Y%m%d-%H%M%S}.tar.gz"
    return path


def backup(path: Path) -> BackupResult:
    """Write the archive at `path` (or a new file in the folder `path`) and record it."""
    connection = _connection()
    started, now = time.perf_counter(), timezone.now()
    target = archive_path(Path(path), now).absolute()
    if target.exists():
        raise BackupError(f"{target} finns redan; välj ett annat namn eller en mapp.")
    if not target.parent.is_dir():
        raise BackupError(f"Mappen {target.parent} finns inte.")
    if connection.vendor == "postgresql":
        pg_tool("pg_dump")  # before anything is written
    dump, database_part = DUMPS[connection.vendor]
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".samverkan-backup-") as tmp:
        database_file, media_file = Path(tmp) / database_part, Path(tmp) / MEDIA
        snapshot = dump(connection, database_file)
        media = write_media(Path(settings.MEDIA_ROOT), media_file)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": app_version(),
            "created_at": now.isoformat(),
            "vendor": connection.vendor,
            "vendor_version": snapshot.server_version,
            "migrations": snapshot.migrations,
            "latest_migrations": {app: names[-1] for app, names in snapshot.migrations.items()},
            "tables": snapshot.tables,
            "media": {"files": media.files, "bytes": media.bytes},
            "parts": {
                name: {"sha256": sha256_of(file), "size": file.stat().st_size}
                for name, file in ((database_part, database_file), (MEDIA, media_file))
            },
        }
        write_archive(target, manifest, {database_part: database_file, MEDIA: media_file})
    size, digest = target.stat().st_size, sha256_of(target)
    seconds = time.perf_counter() - started
    # Written after the dump, so an archive never holds its own row; skipped (and said) on a
    # database whose migrations have not reached this app yet.
    recorded = _has_table(connection, BackupRun._meta.db_table)
    if recorded:
        BackupRun.objects.create(
            finished_at=timezone.now(),
            path=str(target),
            size=size,
            sha256=digest,
            vendor=connection.vendor,
            seconds=round(seconds, 3),
        )
    return BackupResult(
        target, size, digest, seconds, connection.vendor, snapshot.tables, media, recorded
    )


# ---- restore ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableCount:
    table: str
    expected: int | None  # None: a table the archive does not have
    actual: int | None  # None: a table of the archive that is not in the database now

    @property
    def matches(self) -> bool:
        return self.expected == self.actual


@dataclass
class RestoreResult:
    path: Path
    manifest: dict[str, Any]
    counts: list[TableCount]
    media_files: int
    media_moved_to: Path | None
    runs_kept: int
    seconds: float = 0.0
    unapplied: list[str] = field(default_factory=list)

    @property
    def mismatches(self) -> list[TableCount]:
        return [count for count in self.counts if not count.matches]


def newer_migrations(manifest: dict[str, Any]) -> list[str]:
    """The migrations the archive's database had applied that this code does not have."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)  # a squashed migration's originals
    migrations = manifest.get("migrations")
    if not isinstance(migrations, dict):
        raise BackupError("Manifestet anger inte databasens migreringar.")
    return [
        f"{app}.{name}"
        for app, names in sorted(migrations.items())
        for name in names
        if (app, name) not in known
    ]


def _cache_tables() -> set[str]:
    return {
        str(cache["LOCATION"])
        for cache in settings.CACHES.values()
        if str(cache.get("BACKEND", "")).endswith("DatabaseCache")
    }


def in_the_way(connection: BaseDatabaseWrapper) -> list[str]:
    """What makes the database (and MEDIA_ROOT) not empty, in words; empty when it is."""
    ignored = BOOKKEEPING | {BackupRun._meta.db_table} | _cache_tables()
    with connection.cursor() as cursor:
        counts = table_counts(cursor, connection.vendor)
    out = [
        f"{table} ({n} {'rad' if n == 1 else 'rader'})"
        for table, n in counts.items()
        if n and table not in ignored
    ]
    files = len(media_files(Path(settings.MEDIA_ROOT)))
    if files:
        out.append(f"MEDIA_ROOT {settings.MEDIA_ROOT} ({files} {'fil' if files == 1 else 'filer'})")
    return out


def _backup_runs(connection: BaseDatabaseWrapper) -> list[dict[str, Any]]:
    if not _has_table(connection, BackupRun._meta.db_table):
        return []
    return [dict(row) for row in BackupRun.objects.order_by("finished_at", "id").values()]


def _keep_backup_runs(connection: BaseDatabaseWrapper, before: list[dict[str, Any]]) -> int:
    """Put back the records of backups that the restored database does not know (those made
    after the archive was, above all): the archives exist whatever the database says, and the
    admin keeps showing the latest one. Returns how many were put back."""
    if not before or not _has_table(connection, BackupRun._meta.db_table):
        return 0
    have = set(BackupRun.objects.values_list("finished_at", "path", "sha256"))
    missing = [
        BackupRun(**{k: v for k, v in row.items() if k != "id"})
        for row in before
        if (row["finished_at"], row["path"], row["sha256"]) not in have
    ]
    BackupRun.objects.bulk_create(missing)
    return len(missing)


def _stage_media(source: Path | None, media_root: Path) -> Path:
    """Unpack the archive's files into a new folder beside MEDIA_ROOT (the same file system,
    so that moving it into place is a rename)."""
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=media_root.parent, prefix=f".{media_root.name}.restoring-"))
    try:
        staging.chmod(media_root.stat().st_mode & 0o7777 if media_root.exists() else 0o755)
        if source is not None:
            extract_media(source, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _swap_media(staging: Path, media_root: Path, stamp: str) -> Path | None:
    """Put the staged files in MEDIA_ROOT's place. Files that were there are moved aside to
    a folder beside it (returned), never deleted."""
    aside = None
    if media_root.exists() and any(media_root.iterdir()):
        aside = media_root.with_name(f"{media_root.name}.before-restore-{stamp}")
        n = 1
        while aside.exists():
            n += 1
            aside = media_root.with_name(f"{media_root.name}.before-restore-{stamp}-{n}")
        try:
            media_root.rename(aside)
        except OSError:  # a mount point, say: move what is in it instead
            aside.mkdir()
            for child in list(media_root.iterdir()):
                shutil.move(str(child), aside / child.name)
    if media_root.exists():
        for child in list(staging.iterdir()):
            shutil.move(str(child), media_root / child.name)
        staging.rmdir()
    else:
        staging.rename(media_root)
    return aside


def _clear_in_process_caches() -> None:
    if apps.is_installed("django.contrib.contenttypes"):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()


def restore(path: Path, *, force: bool = False) -> RestoreResult:
    """Check the archive at `path` whole, then replace the database and MEDIA_ROOT with it.

    Refused, with nothing changed: an archive that cannot be read, is truncated or whose parts
    do not match their checksums; one from another database vendor; one whose migrations are
    newer than this code's; a database (or MEDIA_ROOT) that is not empty, unless `force`."""
    connection = _connection()
    started, path = time.perf_counter(), Path(path)
    if connection.in_atomic_block:
        raise BackupError("En återställning kan inte göras inne i en transaktion.")
    if connection.vendor == "postgresql":
        pg_tool("pg_restore")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="samverkan-restore-") as tmp:
        unpacked = unpack(path, Path(tmp))
        manifest = unpacked.manifest
        vendor = manifest.get("vendor")
        if vendor != connection.vendor:
            raise BackupError(
                f"Arkivet är en säkerhetskopia av en {VENDOR_NAMES.get(str(vendor), vendor)}-"
                f"databas, men den här installationen använder "
                f"{VENDOR_NAMES[connection.vendor]}. Återställ till samma sorts databas "
                f"(DATABASE_URL). Ingenting har återställts."
            )
        newer = newer_migrations(manifest)
        if newer:
            raise BackupError(
                "Arkivets databas har migreringar som den här versionen av Samverkan inte har "
                f"({', '.join(newer[:10])}{' …' if len(newer) > 10 else ''}); den kommer från "
                "en nyare version. Installera den versionen (eller en nyare) och återställ "
                "igen. Ingenting har återställts."
            )
        if not force and (found := in_the_way(connection)):
            more = f" och {len(found) - 8} till" if len(found) > 8 else ""
            raise BackupError(
                f"Databasen är inte tom: {', '.join(found[:8])}{more}. "
                "Återställ till en tom databas, eller ange --force för att ersätta allt i "
                "den (uppladdade filer flyttas då åt sidan, bredvid MEDIA_ROOT). "
                "Ingenting har återställts."
            )
        runs_before = _backup_runs(connection)
        staging = _stage_media(unpacked.media, media_root)
        try:
            RESTORES[connection.vendor](connection, unpacked.database)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    try:
        moved = _swap_media(staging, media_root, f"{timezone.localtime():%Y%m%d-%H%M%S}")
    except OSError as exc:
        raise BackupError(
            f"Databasen är återställd, men de uppladdade filerna kunde inte flyttas till "
            f"{media_root} ({exc}); de ligger i {staging}."
        ) from exc
    _clear_in_process_caches()
    kept = _keep_backup_runs(connection, runs_before)
    seconds = time.perf_counter() - started
    return RestoreResult(
        path=path,
        manifest=manifest,
        counts=compare_counts(connection, manifest, kept),
        media_files=len(media_files(media_root)),
        media_moved_to=moved,
        runs_kept=kept,
        seconds=seconds,
        unapplied=_unapplied(connection),
    )


def compare_counts(
    connection: BaseDatabaseWrapper, manifest: dict[str, Any], runs_kept: int
) -> list[TableCount]:
    expected: dict[str, int] = dict(manifest.get("tables") or {})
    if runs_kept and BackupRun._meta.db_table in expected:
        expected[BackupRun._meta.db_table] += runs_kept
    with connection.cursor() as cursor:
        actual = table_counts(cursor, connection.vendor)
    return [
        TableCount(table, expected.get(table), actual.get(table))
        for table in sorted(expected.keys() | actual.keys())
    ]


def _unapplied(connection: BaseDatabaseWrapper) -> list[str]:
    """This code's migrations that the restored database has not had (an older archive)."""
    with contextlib.suppress(Exception):
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
    return []
