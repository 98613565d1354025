"""The browser tests' server, served as production serves it (issue 18, §1): gunicorn with
deploy/gunicorn.conf.py, DEBUG off, the static files collected (hashed, compressed) and served
by WhiteNoise, on the test database that the test itself fills.

The collected static files are kept under var/test-static/<key>/, the key naming every source
file's path, size and time, so that collectstatic (15 s, mostly Brotli) runs once per change of
the static files rather than once per test run; parallel test processes wait for one another."""

import contextlib
import fcntl
import hashlib
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.mail.backends.filebased import EmailBackend
from django.test.utils import override_settings

ROOT = Path(__file__).resolve().parents[2]
STATIC_CACHE = ROOT / "var" / "test-static"
SETTINGS_MODULE = "tests.browser.served_settings"
HOST = "127.0.0.1"
START_SECONDS = 90


class FolderMailBackend(EmailBackend):
    """E-mail written to files (Django's file backend). Django's deployment check refuses its
    own file backend (mail.E001), rightly for production; the test server keeps its e-mail."""


@dataclass
class ServedServer:
    """What pytest-django's live_server offers the tests: `.url`."""

    url: str
    media_root: Path
    log: Path
    process: subprocess.Popen[bytes] = field(repr=False)
    # Issue 16 part D: the port of the one origin (http://127.0.0.1:<port>) the server lets frame
    # its embeddable catalogue (SAMVERKAN_EMBED_ORIGINS), for tests/browser/test_embed.py.
    intranet_port: int = 0
    # pytest-django's _live_server_helper enables and disables this around each test.
    _live_server_modified_settings: Any = field(default_factory=override_settings, repr=False)

    def __str__(self) -> str:
        return self.url


def collected_static() -> Path:
    """STATIC_ROOT with `collectstatic`'s output for the current static files."""
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256(b"whitenoise.storage.CompressedManifestStaticFilesStorage")
    for finder in get_finders():
        for path, storage in sorted(finder.list([]), key=lambda found: found[0]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    key = digest.hexdigest()[:16]
    target = STATIC_CACHE / key
    if (target / "staticfiles.json").is_file():
        return target
    STATIC_CACHE.mkdir(parents=True, exist_ok=True)
    with (STATIC_CACHE / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / "staticfiles.json").is_file():
            return target
        building = STATIC_CACHE / f".{key}.{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity=0"],
            cwd=ROOT,
            env={**os.environ, "SAMVERKAN_STATIC_ROOT": str(building), "SAMVERKAN_DEBUG": "0"}
            | {"DJANGO_SETTINGS_MODULE": "samverkan.settings"},
            check=True,
            timeout=300,
        )
        building.rename(target)
        # Older collections go once a day old: another test run may still be serving one.
        for old in STATIC_CACHE.iterdir():
            if old != target and old.is_dir() and time.time() - old.stat().st_mtime > 86400:
                shutil.rmtree(old, ignore_errors=True)
    return target


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=5)
        conn.request("GET", "/konto/login/")
        return conn.getresponse().status == 200
    except OSError:
        return False


@contextlib.contextmanager
def served(database: dict[str, Any], folder: Path) -> Iterator[ServedServer]:
    """gunicorn on `database` (Django's settings_dict of the test database), until the end."""
    static_root = collected_static()
    media_root = folder / "media"
    media_root.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    url = f"http://{HOST}:{port}"
    intranet_port = _free_port()
    while intranet_port == port:
        intranet_port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")} | {
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "SAMVERKAN_DEBUG": "0",
        "SAMVERKAN_TEST_SERVED_DATABASE": json.dumps(database, default=str),
        "SAMVERKAN_TEST_SERVED_MAIL": str(folder / "mail"),
        "SAMVERKAN_ALLOWED_HOSTS": HOST,
        "SAMVERKAN_SITE_URL": url,
        "DEFAULT_FROM_EMAIL": "samverkan@example.se",
        "SAMVERKAN_STATIC_ROOT": str(static_root),
        "SAMVERKAN_MEDIA_ROOT": str(media_root),
        "SAMVERKAN_WEB_BIND": f"{HOST}:{port}",
        "SAMVERKAN_WEB_WORKERS": "2",
        "SAMVERKAN_WEB_THREADS": "4",
        "SAMVERKAN_WEB_ACCESS_LOG": "",
        "SAMVERKAN_EMBED_ORIGINS": f"http://{HOST}:{intranet_port}",
    }
    log = folder / "gunicorn.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    f"gunicorn did not start (exit status {process.poll()}):\n"
                    + log.read_text(errors="replace")[-4000:]
                )
            time.sleep(0.2)
        yield ServedServer(
            url=url, media_root=media_root, log=log, process=process, intranet_port=intranet_port
        )
    finally:
        # SIGINT: gunicorn's quick shutdown; a graceful one (SIGTERM) would wait out the
        # browser's idle keep-alive connections.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
