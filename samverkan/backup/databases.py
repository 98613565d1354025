"""The database part of a backup, per vendor: SQLite through its online backup API, PostgreSQL
through pg_dump and pg_restore (custom format). Each dump also reads, from the same consistent
snapshot, the row count of every table and the applied migrations, for the manifest."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.db.backends.base.base import BaseDatabaseWrapper


class BackupError(Exception):
    """A backup or restore that cannot go ahead; its message says why, for the operator."""


class Cursor(Protocol):
    def execute(self, sql: str, /) -> Any: ...
    def fetchall(self) -> list[Any]: ...


@dataclass(frozen=True)
class Snapshot:
    """What the manifest records about a database, read in one consistent view of it."""

    tables: dict[str, int]
    migrations: dict[str, list[str]]
    server_version: str


SQLITE_TABLES = (
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
)
POSTGRES_TABLES = (
    "SELECT c.relname FROM pg_catalog.pg_class c "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND pg_catalog.pg_table_is_visible(c.oid)"
)


def quote(name: str) -> str:
    """A table name quoted for SQL, in SQLite and PostgreSQL alike."""
    return '"' + name.replace('"', '""') + '"'


def table_names(cursor: Cursor, vendor: str) -> list[str]:
    cursor.execute(SQLITE_TABLES if vendor == "sqlite" else POSTGRES_TABLES)
    return sorted(row[0] for row in cursor.fetchall())


def table_counts(
    cursor: Cursor, vendor: str, tables: Iterable[str] | None = None
) -> dict[str, int]:
    """The number of rows in each table (every table of the database unless `tables`)."""
    names = table_names(cursor, vendor) if tables is None else list(tables)
    counts = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(name)}")  # names from the catalogue
        counts[name] = int(cursor.fetchall()[0][0])
    return counts


def applied_migrations(cursor: Cursor, tables: Iterable[str]) -> dict[str, list[str]]:
    """App label → the names of its applied migrations, sorted; empty before any migrate."""
    if "django_migrations" not in set(tables):
        return {}
    cursor.execute("SELECT app, name FROM django_migrations")
    out: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        out.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(out.items())}


def snapshot_of(cursor: Cursor, vendor: str, server_version: str) -> Snapshot:
    counts = table_counts(cursor, vendor)
    return Snapshot(counts, applied_migrations(cursor, counts), server_version)


# ---- SQLite ----------------------------------------------------------------------------------


def sqlite_dump(connection: BaseDatabaseWrapper, target: Path) -> Snapshot:
    """Copy the database into `target` with SQLite's online backup API: a consistent copy
    while the application keeps running (a write by another connection during the copy makes
    SQLite start it again). Works on a file and on an in-memory database alike."""
    connection.ensure_connection()
    source = connection.connection
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
        # One self-contained file: no -wal beside it.
        copy.execute("PRAGMA journal_mode=DELETE")
        return snapshot_of(copy.cursor(), "sqlite", sqlite3.sqlite_version)
    finally:
        copy.close()


def sqlite_restore(connection: BaseDatabaseWrapper, source_file: Path) -> None:
    """Replace the whole content of the database with the copy in `source_file`, through the
    backup API in reverse. SQLite writes the destination in one transaction: a failure leaves
    it as it was."""
    if connection.in_atomic_block:
        raise BackupError("En återställning kan inte göras inne i en transaktion.")
    connection.ensure_connection()
    source = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True)
    try:
        source.backup(connection.connection)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite kunde inte återställa databasen: {exc}") from exc
    finally:
        source.close()
    if not connection.is_in_memory_db():  # type: ignore[attr-defined]
        # The next query opens the file afresh (an in-memory database lives in this
        # connection only, so that one stays open).
        connection.close()


# ---- PostgreSQL ------------------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """The path of pg_dump or pg_restore on the PATH, or a clear message in both languages."""
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} finns inte på PATH, och det behövs för att säkerhetskopiera och återställa "
            f"en PostgreSQL-databas. Installera PostgreSQL-klienten (samma huvudversion som "
            f"servern eller nyare), t.ex. sudo apt-get install postgresql-client, eller kör "
            f"scripts/setup.sh. / {name} is not on the PATH; it is needed to back up and restore "
            f"a PostgreSQL database. Install the PostgreSQL client (the server's major version "
            f"or newer), e.g. sudo apt-get install postgresql-client, or run scripts/setup.sh."
        )
    return found


def pg_environment(settings_dict: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The database name and the environment (PGHOST, PGPASSWORD, …) that give pg_dump and
    pg_restore the connection of DATABASES; the password never goes on the command line."""
    options = settings_dict.get("OPTIONS") or {}
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    for option, variable in (
        ("service", "PGSERVICE"),
        ("passfile", "PGPASSFILE"),
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"),
    ):
        if options.get(option):
            env[variable] = str(options[option])
    name = settings_dict.get("NAME") or ""
    if not name and options.get("service"):
        name = f"service={options['service']}"
    if not name:
        raise BackupError("DATABASES saknar databasens namn (NAME).")
    return name, env


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise BackupError(f"{what} misslyckades (slutstatus {done.returncode}): {detail}")


def postgres_dump(connection: BaseDatabaseWrapper, target: Path) -> Snapshot:
    """pg_dump in custom format, from a snapshot that a transaction of our own exports: the
    row counts and migrations in the manifest are read in that same snapshot, so they are
    exactly what the dump holds, while the application keeps writing."""
    pg_dump = pg_tool("pg_dump")
    name, env = pg_environment(connection.settings_dict)
    import psycopg

    raw = psycopg.connect(**connection.get_connection_params())
    try:
        raw.autocommit = False
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
        with raw.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            row = cursor.fetchone()
            assert row is not None
            snapshot_id, server_version = row
            snapshot = snapshot_of(cursor, "postgresql", str(server_version))
            _run(
                [
                    pg_dump,
                    "--format=custom",
                    "--no-password",
                    f"--snapshot={snapshot_id}",
                    f"--file={target}",
                    f"--dbname={name}",
                ],
                env,
                "pg_dump",
            )
        raw.rollback()
    finally:
        raw.close()
    return snapshot


def postgres_restore(connection: BaseDatabaseWrapper, source_file: Path) -> None:
    """pg_restore into the database of DATABASES in one transaction (a failure leaves it as it
    was), first dropping what the archive holds (--clean --if-exists), owned by the user
    that restores (--no-owner --no-privileges)."""
    if connection.in_atomic_block:
        raise BackupError("En återställning kan inte göras inne i en transaktion.")
    pg_restore = pg_tool("pg_restore")
    name, env = pg_environment(connection.settings_dict)
    # Our own connection must hold no lock on the tables pg_restore drops.
    connection.close()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            "--no-password",
            f"--dbname={name}",
            str(source_file),
        ],
        env,
        "pg_restore",
    )


DUMPS = {
    "sqlite": (sqlite_dump, "database.sqlite3"),
    "postgresql": (postgres_dump, "database.pgdump"),
}
RESTORES = {"sqlite": sqlite_restore, "postgresql": postgres_restore}


def supported(vendor: str) -> None:
    if vendor not in DUMPS:
        raise BackupError(
            f"Databasen är {vendor}; säkerhetskopiering finns för SQLite och PostgreSQL."
        )
