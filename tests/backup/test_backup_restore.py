"""Backup and restore (SPEC §6 "a backup and restore command"; issue 14, part 3).

`manage.py backup PATH` writes one archive: the database (SQLite's online backup API, or
pg_dump's custom format), the uploaded files and a manifest; `manage.py restore PATH` puts both
back into an empty database, after checking the archive whole. Run on SQLite and on PostgreSQL
(DATABASE_URL): the test database is backed up and restored in place, so these tests are
transactional, and the demo is loaded once for the module (it is slow) and flushed away
before the tests run."""

import datetime
import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import override_settings
from django.utils import timezone, translation

from samverkan.backup.databases import BackupError, pg_tool
from samverkan.backup.models import BackupRun
from samverkan.demo.build import load_demo
from samverkan.history.models import HistoryEntry
from samverkan.networks.models import Membership, Network
from samverkan.people.models import Person
from tests.cast import build_cast

BACKUP_TABLE = BackupRun._meta.db_table


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def every_row(*, leave_out: tuple[str, ...] = (BACKUP_TABLE,)) -> dict[str, list[tuple]]:
    """Every row of every table of the database, ordered by primary key (by all columns
    where a table has none)."""
    out = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table in leave_out:
                continue
            pk = connection.introspection.get_primary_key_columns(cursor, table) or []
            cursor.execute(f"SELECT * FROM {quote(table)} WHERE 1 = 0")
            width = len(cursor.description)
            order = ", ".join(quote(c) for c in pk) or ", ".join(map(str, range(1, width + 1)))
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order}")
            out[table] = [tuple(row) for row in cursor.fetchall()]
    return out


def files_in(root: Path) -> dict[str, str]:
    """Each file under `root` → the SHA-256 of its content."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def put_files(root: Path) -> None:
    """Uploaded files as the application stores them (material, attachments, a logo)."""
    files = {
        "material/2026/Verksamhetsplan 2026 – Socialchefsnätverket.pdf": b"%PDF-1.7\n" * 900,
        "meetings/12/bilaga-1.docx": bytes(range(256)) * 800,
        "branding/logotyp.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 5000,
    }
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)


def manifest_of(archive: Path) -> dict[str, Any]:
    with tarfile.open(archive, "r:gz") as tar:
        handle = tar.extractfile("manifest.json")
        assert handle is not None
        return json.loads(handle.read())


def rewrite(
    archive: Path,
    target: Path,
    *,
    part: Callable[[str, bytes], bytes] = lambda name, data: data,
    manifest: Callable[[dict[str, Any]], None] = lambda m: None,
    reseal: bool = False,
) -> Path:
    """A copy of `archive` with a part or the manifest changed; with `reseal`, the manifest's
    checksums are made to fit the changed parts (a forger's archive)."""
    with tarfile.open(archive, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar}  # type: ignore[union-attr]
    meta = json.loads(members.pop("manifest.json"))
    members = {name: part(name, data) for name, data in members.items()}
    if reseal:
        for name, data in members.items():
            meta["parts"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    manifest(meta)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in [("manifest.json", json.dumps(meta).encode()), *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def quiet_settings(media: Path) -> dict[str, Any]:
    """What tests/conftest.py sets for each test, for the module fixture that runs before
    any test's fixtures; uploaded files on disk, in a folder of the test's own."""
    return {
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        "STORAGES": {
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(media)},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "MEDIA_ROOT": str(media),
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "SECOND_FACTOR_REQUIRED": "none",
    }


@dataclass
class Demo:
    archive: Path
    rows: dict[str, list[tuple]]
    backup_runs: int
    files: dict[str, str]
    media: Path
    output: str


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Demo:
    """The demo, backed up once for the module; the database is flushed again afterwards, as
    every transactional test leaves it."""
    root = tmp_path_factory.mktemp("demo-backup")
    media = root / "media"
    media.mkdir()
    with (
        django_db_blocker.unblock(),
        override_settings(**quiet_settings(media)),
        translation.override("sv"),
    ):
        try:
            load_demo(timezone.localdate(), invite=False)
            put_files(media)
            archive = root / "demo.tar.gz"
            output = run("backup", str(archive))
            demo = Demo(
                archive,
                every_row(),
                BackupRun.objects.count(),
                files_in(media),
                media,
                output,
            )
        finally:
            call_command("flush", interactive=False, verbosity=0)
            shutil.rmtree(media)
            media.mkdir()
    return demo


@pytest.mark.django_db(transaction=True)
def test_a_restore_gives_back_every_row_and_every_file_of_the_demo(demo, settings):
    settings.MEDIA_ROOT = str(demo.media)
    assert "Säkerhetskopian är skriven" in demo.output and demo.backup_runs == 1
    manifest = manifest_of(demo.archive)
    assert manifest["vendor"] == connection.vendor
    assert manifest["app_version"] == "0.1.0"
    assert manifest["latest_migrations"]["backup"] == "0001_initial"
    assert "0001_initial" in manifest["migrations"]["networks"]
    # The manifest counts the rows the archive holds: all of them, its own record aside.
    assert {t: n for t, n in manifest["tables"].items() if t != BACKUP_TABLE} == {
        table: len(rows) for table, rows in demo.rows.items()
    }
    assert manifest["tables"][BACKUP_TABLE] == 0
    assert len(demo.rows["networks_network"]) >= 41
    assert manifest["media"]["files"] == 3
    database = "database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump"
    assert set(manifest["parts"]) == {database, "media.tar"}

    # Into the empty database (the module fixture flushed it): no --force needed.
    assert not Network.objects.exists()
    output = run("restore", str(demo.archive))
    tables = len(manifest["tables"])
    assert f"Radantal: {tables} av {tables} tabeller stämmer med manifestet." in output
    assert "networks_network" in output
    assert every_row() == demo.rows
    assert files_in(demo.media) == demo.files

    # Changes and deletions since the backup, then a backup of that (which the restore must
    # not forget).
    network = Network.objects.order_by("pk").first()
    assert network is not None
    Network.objects.filter(pk=network.pk).update(name="Ändrat efter säkerhetskopian")
    Membership.objects.filter(pk__in=Membership.objects.order_by("pk").values("pk")[:25]).delete()
    HistoryEntry.objects.filter(
        pk__in=HistoryEntry.objects.order_by("-pk").values("pk")[:10]
    ).delete()
    Person.objects.create(name="Ny Person", email="ny.person@example.se")
    (demo.media / "branding/logotyp.png").unlink()
    (demo.media / "material/2026/ny.pdf").write_bytes(b"%PDF new")
    later = demo.archive.with_name("later.tar.gz")
    run("backup", str(later))
    assert every_row() != demo.rows

    with pytest.raises(CommandError, match="Databasen är inte tom"):
        run("restore", str(demo.archive))
    assert Network.objects.get(pk=network.pk).name == "Ändrat efter säkerhetskopian"

    output = run("restore", str(demo.archive), "--force")

    assert every_row() == demo.rows
    assert files_in(demo.media) == demo.files
    assert f"Radantal: {tables} av {tables} tabeller stämmer med manifestet." in output
    # The files that were there are moved aside, not deleted.
    aside = [p for p in demo.media.parent.iterdir() if ".before-restore-" in p.name]
    assert len(aside) == 1 and (aside[0] / "material/2026/ny.pdf").exists()
    # The record of the later backup is kept: the admin still shows the latest one.
    assert list(BackupRun.objects.values_list("path", flat=True)) == [str(later)]
    assert "Säkerhetskopior som databasen kände till före återställningen: 1" in output


@pytest.fixture
def small(transactional_db, settings, tmp_path) -> SimpleNamespace:
    """A backup of the test cast and one uploaded file, and the database changed after it (a
    restore that went ahead would show)."""
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = str(media)
    (media / "material").mkdir()
    (media / "material/plan.pdf").write_bytes(b"%PDF-1.7 plan")
    cast = build_cast()
    archive = tmp_path / "small.tar.gz"
    run("backup", str(archive))
    Network.objects.filter(pk=cast.network.pk).update(name="Ändrat efter kopian")
    (media / "material/plan.pdf").write_bytes(b"%PDF-1.7 ny plan")
    return SimpleNamespace(archive=archive, media=media, tmp=tmp_path, network=cast.network)


def unchanged(small, before: dict[str, list[tuple]], files: dict[str, str]) -> None:
    assert every_row(leave_out=()) == before
    assert files_in(small.media) == files
    assert Network.objects.get(pk=small.network.pk).name == "Ändrat efter kopian"
    left = [p for p in small.tmp.iterdir() if ".before-restore-" in p.name or "restoring" in p.name]
    assert not left


def refused(small, archive: Path, match: str, *args: str) -> None:
    before, files = every_row(leave_out=()), files_in(small.media)
    with pytest.raises(CommandError, match=match):
        run("restore", str(archive), "--force", *args)
    unchanged(small, before, files)


@pytest.mark.parametrize(
    "keep", [0, 100, 0.5, -1], ids=["empty", "100 bytes", "half", "all but one byte"]
)
def test_a_truncated_archive_is_refused_and_the_database_is_left_as_it_was(small, keep):
    data = small.archive.read_bytes()
    cut = small.tmp / "cut.tar.gz"
    cut.write_bytes(data[: int(len(data) * keep) if isinstance(keep, float) else keep])
    refused(small, cut, "skadat eller avkortat|saknar")


def test_a_file_that_is_no_archive_is_refused(small):
    other = small.tmp / "notes.tar.gz"
    other.write_bytes(b"Det har ar ingen sakerhetskopia.\n" * 100)
    refused(small, other, "går inte att läsa")
    refused(small, small.tmp / "missing.tar.gz", "finns inte")


@pytest.mark.parametrize("changed", ["database", "media.tar"])
def test_an_archive_whose_checksums_do_not_match_is_refused(small, changed):
    def flip(name: str, data: bytes) -> bytes:
        if not name.startswith(changed):
            return data
        middle = len(data) // 2
        return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]

    forged = rewrite(small.archive, small.tmp / "forged.tar.gz", part=flip)
    refused(small, forged, "Kontrollsumman \\(SHA-256\\) för " + changed)


def test_an_archive_with_a_part_missing_is_refused(small):
    with tarfile.open(small.archive, "r:gz") as tar:
        names = tar.getnames()
    assert names[0] == "manifest.json" and "media.tar" in names
    partial = small.tmp / "partial.tar.gz"
    with tarfile.open(small.archive, "r:gz") as tar, tarfile.open(partial, "w:gz") as out:
        for member in tar:
            if member.name != "media.tar":
                out.addfile(member, tar.extractfile(member))
    refused(small, partial, "saknar delen media.tar")


def test_uploaded_files_that_would_land_outside_media_root_are_refused(small):
    def escape(name: str, data: bytes) -> bytes:
        if name != "media.tar":
            return data
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w") as tar:
            info = tarfile.TarInfo("../../utanför.txt")
            info.size = 3
            tar.addfile(info, io.BytesIO(b"hej"))
        return buffer.getvalue()

    forged = rewrite(small.archive, small.tmp / "escape.tar.gz", part=escape, reseal=True)
    refused(small, forged, "går inte att packa upp")
    assert not (small.tmp.parent / "utanför.txt").exists()


def test_an_archive_from_a_newer_version_is_refused(small):
    """A migration in the archive that this code does not have: the database comes from a
    newer Samverkan, whose tables this code would misread."""
    recorder = MigrationRecorder(connection)
    recorder.record_applied("backup", "9999_from_a_newer_version")
    try:
        newer = small.tmp / "newer.tar.gz"
        run("backup", str(newer))
        assert "9999_from_a_newer_version" in manifest_of(newer)["migrations"]["backup"]
        refused(small, newer, "backup.9999_from_a_newer_version.*nyare version")
    finally:
        recorder.record_unapplied("backup", "9999_from_a_newer_version")


def test_an_archive_of_the_other_database_vendor_is_refused(small):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def vendor(meta: dict[str, Any]) -> None:
        meta["vendor"] = other

    forged = rewrite(small.archive, small.tmp / "other.tar.gz", manifest=vendor)
    refused(small, forged, "samma sorts databas")


def test_a_database_that_is_not_empty_is_refused_without_force(small):
    before, files = every_row(leave_out=()), files_in(small.media)
    with pytest.raises(
        CommandError,
        match=r"Databasen är inte tom: .*cooperation_cooperation \(1 rad\).* och \d+ till.*--force",
    ):
        run("restore", str(small.archive))
    unchanged(small, before, files)

    run("restore", str(small.archive), "--force")
    assert Network.objects.get(pk=small.network.pk).name == small.network.name
    assert (small.media / "material/plan.pdf").read_bytes() == b"%PDF-1.7 plan"


def test_uploaded_files_alone_make_the_target_not_empty(small):
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match=r"MEDIA_ROOT .*\(1 fil\)"):
        run("restore", str(small.archive))
    assert (small.media / "material/plan.pdf").read_bytes() == b"%PDF-1.7 ny plan"


def test_pg_dump_missing_from_the_path_is_said_clearly(small, monkeypatch):
    monkeypatch.setenv("PATH", str(small.tmp))
    for tool in ("pg_dump", "pg_restore"):
        with pytest.raises(BackupError) as caught:
            pg_tool(tool)
        message = str(caught.value)
        assert f"{tool} finns inte på PATH" in message and f"{tool} is not on the PATH" in message
        assert "postgresql-client" in message
    target = small.tmp / "no-tools.tar.gz"
    runs = BackupRun.objects.count()
    if connection.vendor == "postgresql":
        with pytest.raises(CommandError, match="pg_dump finns inte på PATH"):
            run("backup", str(target))
        assert not target.exists() and BackupRun.objects.count() == runs
        refused(small, small.archive, "pg_restore finns inte på PATH")
    else:  # SQLite needs neither
        run("backup", str(target))
        assert target.exists() and BackupRun.objects.count() == runs + 1


def test_a_backup_into_a_folder_is_named_for_the_time_and_recorded(small):
    folder = small.tmp / "kopior"
    folder.mkdir()
    output = run("backup", str(folder))
    (archive,) = folder.iterdir()
    assert archive.name.startswith("samverkan-") and archive.name.endswith(".tar.gz")
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    run_ = BackupRun.objects.order_by("-finished_at").first()
    assert run_ is not None and run_.path == str(archive)
    assert run_.size == archive.stat().st_size
    assert run_.sha256 == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert run_.sha256 in output and str(archive) in output
    assert timezone.now() - run_.finished_at < datetime.timedelta(minutes=5)


def test_a_backup_never_overwrites_a_file(small):
    before = small.archive.read_bytes()
    runs = BackupRun.objects.count()
    with pytest.raises(CommandError, match="finns redan"):
        run("backup", str(small.archive))
    assert small.archive.read_bytes() == before and BackupRun.objects.count() == runs
    with pytest.raises(CommandError, match=r"Mappen .* finns inte"):
        run("backup", str(small.tmp / "saknas" / "kopia.tar.gz"))


def test_a_register_file_waiting_for_its_confirmation_stays_out_of_the_backup(small):
    """An uploaded import file (personal data, deleted within a day) must not live on in the
    nightly archives; the material beside it is kept."""
    waiting = small.media / "imports" / "abc123"
    waiting.mkdir(parents=True)
    (waiting / "register.xlsx").write_bytes(b"PK personal data")
    archive = small.tmp / "with-import.tar.gz"
    run("backup", str(archive))
    with tarfile.open(archive) as outer:
        member = next(m for m in outer.getmembers() if m.name.endswith("media.tar"))
        extracted = outer.extractfile(member)
        assert extracted is not None
        with tarfile.open(fileobj=io.BytesIO(extracted.read())) as media:
            names = media.getnames()
    assert "material/plan.pdf" in names
    assert not [n for n in names if n.startswith("imports")]
