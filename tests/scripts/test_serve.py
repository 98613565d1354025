"""`make serve` (scripts/serve.sh, issue 18, §1): gunicorn with DEBUG off, the worker and the
scheduler, as production runs them; the static files hashed, compressed and served by WhiteNoise
(under DEBUG off they answered 404 before); and when the worker dies, everything stops and says
so. scripts/lib.sh's `supervise`, which run.sh uses too, on its own."""

import http.client
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.browser.served import collected_static
from tests.deploy.test_gunicorn_conf import free_port

# The processes started here get their own SQLite database, not the test database: CI runs
# these once, in its SQLite step (.ci/run).
pytestmark = pytest.mark.own_database

ROOT = Path(__file__).resolve().parents[2]


def get(port: int, path: str, **headers: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    return response


def children(pid: int) -> list[str]:
    done = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True)
    return done.stdout.decode().splitlines()


def test_make_serve_runs_the_three_processes_and_serves_hashed_static_files(tmp_path):
    static = tmp_path / "static"
    shutil.copytree(collected_static(), static)  # collected already: serve.sh need not again
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAMVERKAN_", "DJANGO_", "EMAIL_"))
        and k not in ("DATABASE_URL", "CACHE_URL")
    } | {
        "SAMVERKAN_SECRET_KEY": os.environ["SAMVERKAN_SECRET_KEY"],
        "SAMVERKAN_SKIP_SETUP": "1",
        "SAMVERKAN_PORT": str(port),
        "SAMVERKAN_ALLOWED_HOSTS": "127.0.0.1",
        "SAMVERKAN_SITE_URL": f"http://127.0.0.1:{port}",
        "SAMVERKAN_STATIC_ROOT": str(static),
        "SAMVERKAN_MEDIA_ROOT": str(tmp_path / "media"),
        "SAMVERKAN_WEB_WORKERS": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": "1",
        "DEFAULT_FROM_EMAIL": "samverkan@example.se",
    }
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        serve = subprocess.Popen(
            ["scripts/serve.sh"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        while True:
            assert serve.poll() is None, log.read_text()
            try:
                if get(port, "/konto/login/").status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.5)
        running = "\n".join(children(serve.pid))
        assert "db_worker" in running and "scheduler" in running and "gunicorn" in running

        page = get(port, "/konto/login/")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/konto/login/")
        html = conn.getresponse().read().decode()
        css = re.search(r'href="(/static/css/samverkan\.[0-9a-f]{12}\.css)"', html)
        assert css, "the page names no hashed style sheet"
        styles = get(port, css.group(1), **{"Accept-Encoding": "gzip"})
        assert styles.status == 200
        assert styles.getheader("Content-Encoding") == "gzip"
        assert "immutable" in (styles.getheader("Cache-Control") or "")
        htmx = re.search(r'src="(/static/vendor/htmx\.org/dist/htmx\.min\.[0-9a-f]{12}\.js)"', html)
        assert htmx and get(port, htmx.group(1)).status == 200
        icon = get(port, "/favicon.ico")
        assert icon.status == 302 and re.match(
            r"/static/img/favicon\.[0-9a-f]{12}\.svg", icon.getheader("Location") or ""
        )
        assert page.status == 200
        # Its web worker compiled the templates before its first request (issue 17).
        assert re.search(r"warmed up in \d+ ms \(urls", log.read_text()), log.read_text()

        worker = next(line for line in children(serve.pid) if "db_worker" in line)
        os.kill(int(worker.split()[0]), signal.SIGKILL)
        assert serve.wait(timeout=60) != 0
        output = log.read_text()
        assert (
            "the task worker (db_worker) stopped (exit status 137); stopping the others" in output
        )
        time.sleep(1)
        try:
            get(port, "/konto/login/")
            raise AssertionError("gunicorn still answers after the worker died")
        except OSError:
            pass
        assert "Traceback" not in output, output
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGTERM)
            serve.wait(timeout=60)


def supervise(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", f"source scripts/lib.sh\n{script}"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_supervise_names_the_process_that_died_and_fails():
    done = supervise(
        "sleep 30 & a=$!; (sleep 0.5; exit 3) & b=$!\n"
        'supervise "the server" "$a" "the scheduler" "$b"; rc=$?; kill "$a"; exit "$rc"'
    )
    assert done.returncode == 3
    assert "FEL/ERROR: the scheduler stopped (exit status 3); stopping the others." in done.stderr


def test_supervise_fails_even_when_the_process_ended_cleanly():
    done = supervise(
        "sleep 30 & a=$!; true & b=$!\n"
        'supervise "x" "$a" "the worker" "$b"; rc=$?; kill "$a"; exit "$rc"'
    )
    assert done.returncode == 1
    assert "the worker stopped; stopping the others" in done.stdout


def test_make_run_gives_the_site_url_of_its_own_port():
    """run.sh exports SAMVERKAN_SITE_URL from SAMVERKAN_HOST and SAMVERKAN_PORT before it starts
    anything, unless it is set (the links in e-mails then point at the server that runs)."""
    script = (ROOT / "scripts" / "run.sh").read_text()
    export = script.index('export SAMVERKAN_SITE_URL="${SAMVERKAN_SITE_URL:-http://$HOST:$PORT}"')
    assert script.index('PORT="${SAMVERKAN_PORT:-8000}"') < export < script.index("setup.sh")
