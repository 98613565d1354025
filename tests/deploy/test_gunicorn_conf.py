"""deploy/gunicorn.conf.py (issue 18, §4): slow uploads do not get the worker killed, and the
site keeps answering while they come in; gunicorn's default sync worker, on the same timeout,
does not. And the configuration refuses to start without the production settings (§1)."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# The processes started here get their own SQLite database, not the test database: CI runs
# these once, in its SQLite step (.ci/run).
pytestmark = pytest.mark.own_database

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
TIMEOUT = 2  # seconds: gunicorn's worker timeout, shortened so that the test is short
UPLOAD_SECONDS = 5  # each upload dribbles in over this long, well past the timeout
UPLOAD_BYTES = 50_000


def production_env(tmp_path: Path, port: int, **extra: str) -> dict[str, str]:
    static = tmp_path / "static"
    static.mkdir(exist_ok=True)
    (static / "staticfiles.json").write_text(json.dumps({"paths": {}, "version": "1.1"}))
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAMVERKAN_", "DJANGO_", "EMAIL_")) and k != "DATABASE_URL"
    }
    env.update(
        SAMVERKAN_SECRET_KEY=os.environ["SAMVERKAN_SECRET_KEY"],
        SAMVERKAN_ALLOWED_HOSTS="samverkan.example.se",
        SAMVERKAN_SITE_URL="https://samverkan.example.se",
        SAMVERKAN_STATIC_ROOT=str(static),
        EMAIL_HOST="smtp.example.se",
        DEFAULT_FROM_EMAIL="samverkan@example.se",
        SAMVERKAN_WEB_BIND=f"127.0.0.1:{port}",
        SAMVERKAN_WEB_WORKERS="1",
        SAMVERKAN_WEB_TIMEOUT=str(TIMEOUT),
        SAMVERKAN_WEB_ACCESS_LOG="",
        # The app served here is tests.deploy.slow_app, not Samverkan's: nothing to warm up,
        # and the short timeout must not race a warm-up.
        SAMVERKAN_WEB_WARM_UP="0",
        DJANGO_SETTINGS_MODULE="samverkan.settings",
    )
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def gunicorn(tmp_path: Path, *args: str) -> Iterator[int]:
    port = free_port()
    log = (tmp_path / f"gunicorn-{port}.log").open("wb")
    process = subprocess.Popen(
        [GUNICORN, "-c", "deploy/gunicorn.conf.py", *args, "tests.deploy.slow_app:app"],
        cwd=ROOT,
        env=production_env(tmp_path, port),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while health(port) is None:
            assert process.poll() is None, (tmp_path / f"gunicorn-{port}.log").read_text()
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def health(port: int) -> int | None:
    """The status of a quick GET, or None when none came within a second."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return int(s.recv(64).split()[1])
    except (OSError, IndexError, ValueError):
        return None


def slow_upload(port: int, outcome: list[str]) -> None:
    """POST UPLOAD_BYTES over UPLOAD_SECONDS, as a poor connection would."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=UPLOAD_SECONDS + 10) as s:
            s.sendall(
                b"POST /upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + f"Content-Length: {UPLOAD_BYTES}\r\n\r\n".encode()
            )
            pieces = 20
            for _ in range(pieces):
                time.sleep(UPLOAD_SECONDS / pieces)
                s.sendall(b"x" * (UPLOAD_BYTES // pieces))
            answer = b""
            while chunk := s.recv(4096):
                answer += chunk
            status = answer.split(b"\r\n", 1)[0].decode()
            outcome.append(f"{status}, received all" if b"received %d" % UPLOAD_BYTES in answer
                           else f"{status}, not received: {answer[-60:]!r}")  # fmt: skip
    except OSError as exc:
        outcome.append(f"failed: {exc.__class__.__name__}")


def race(port: int) -> tuple[list[str], list[int | None]]:
    """Two slow uploads at once, and a health check every half second meanwhile."""
    uploads: list[str] = []
    threads = [threading.Thread(target=slow_upload, args=(port, uploads)) for _ in range(2)]
    for t in threads:
        t.start()
    checks: list[int | None] = []
    while any(t.is_alive() for t in threads):
        checks.append(health(port))
        time.sleep(0.5)
    for t in threads:
        t.join()
    return uploads, checks


def test_slow_uploads_survive_and_the_site_keeps_answering(tmp_path):
    with gunicorn(tmp_path) as port:
        uploads, checks = race(port)
    assert uploads == ["HTTP/1.1 200 OK, received all"] * 2, uploads
    assert len(checks) >= 6 and all(status == 200 for status in checks), checks


def test_the_default_sync_worker_fails_the_same_race(tmp_path):
    """The test is not blind: gunicorn's default (one sync worker) kills the uploads past the
    timeout and leaves the health checks unanswered meanwhile, as issue 18 measured."""
    with gunicorn(tmp_path, "--worker-class", "sync", "--threads", "1") as port:
        uploads, checks = race(port)
    assert any(not u.endswith("received all") for u in uploads), uploads
    assert sum(status is None for status in checks) >= 2, checks


def test_gunicorn_refuses_to_start_without_the_production_settings(tmp_path):
    """The settings a production instance must set are checked before any worker starts."""
    port = free_port()
    env = production_env(
        tmp_path,
        port,
        SAMVERKAN_ALLOWED_HOSTS="",
        SAMVERKAN_SITE_URL="samverkan.example.se",
        SAMVERKAN_STATIC_ROOT=str(tmp_path / "nothing-collected"),
    )
    del env["EMAIL_HOST"]
    done = subprocess.run(
        [GUNICORN, "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    for check in ("samverkan.E001", "samverkan.E002", "samverkan.E004", "mail.E001"):
        assert check in done.stderr
    assert "Samverkan startar inte: 4 inställningar saknas eller är fel" in done.stderr
    assert "Booting worker" not in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("name", ["web", "worker", "scheduler", "backup"])
def test_the_systemd_units_name_the_application_and_its_settings(name):
    unit = (ROOT / "deploy" / "systemd" / f"samverkan-{name}.service").read_text()
    assert "EnvironmentFile=/etc/samverkan.env" in unit
    assert "WorkingDirectory=/srv/samverkan" in unit
    if name == "web":
        assert "gunicorn -c deploy/gunicorn.conf.py" in unit
    elif name != "backup":
        assert "check --deploy --tag samverkan_production --tag mail" in unit
