"""Issue 17, Acceptance: killing the worker during the nightly refresh and starting it again
leaves no network without its current verdicts. Real processes: `manage.py db_worker` runs
the refresh of a cooperation built by the benchmark's generator, is killed with SIGKILL after
its first batches, and the task stays RUNNING in django-tasks-db (which notices nothing);
once the run has stopped moving, a new worker runs the scheduler's sweep, which resumes the
run where it stopped, and every network's stored verdicts equal freshly computed ones."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# The processes started here get their own SQLite database, not the test database: CI runs
# these once, in its SQLite step (.ci/run).
pytestmark = pytest.mark.own_database

ROOT = Path(__file__).resolve().parents[2]
NETWORKS = 120
BATCH = 10

BUILD = f"""
import importlib.util, sys
import django
django.setup()
spec = importlib.util.spec_from_file_location("bench_run", "bench/run.py")
module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = module
spec.loader.exec_module(module)
sys.argv = ["run.py", "--networks", "{NETWORKS}", "--people", "{NETWORKS * 20}"]
args = module.parse_args()
args.municipalities = 20
module.build(args)
"""

CHECK = """
import django
django.setup()
from django.utils import timezone
from samverkan.compliance import stored
from samverkan.compliance.models import VerdictRun
from samverkan.networks.models import Network
from tests.compliance.test_stored import assert_stored_equals_fresh
networks = Network.objects.order_by("pk")
for year in stored.stored_years(timezone.localdate()):
    assert stored.stale_ids(networks, year) == [], year
assert_stored_equals_fresh(networks)
run = VerdictRun.objects.get()
print("current", run.networks, run.finished_at is not None, networks.count())
"""


def environment(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SAMVERKAN_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'samverkan.sqlite3'}",
        DJANGO_SETTINGS_MODULE="samverkan.settings",
        SAMVERKAN_DEBUG="1",
        SAMVERKAN_COMPLIANCE_REFRESH_BATCH=str(BATCH),
        SAMVERKAN_REMINDERS_HOUR="24",  # no daily reminders: only the sweep may resume
        PYTHONPATH=str(ROOT),
    )
    return env


def run(env: dict[str, str], *argv: str) -> str:
    """Run `python *argv` in the project with `env`; its output (it must succeed)."""
    done = subprocess.run(
        [sys.executable, *argv], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def manage(env: dict[str, str], *args: str) -> str:
    return run(env, "manage.py", *args)


def python(env: dict[str, str], script: str) -> str:
    return run(env, "-c", script)


def test_a_worker_killed_during_the_nightly_refresh_leaves_every_network_current(tmp_path):
    env = environment(tmp_path)
    manage(env, "migrate", "--no-input")
    manage(env, "createcachetable")
    python(env, BUILD)
    python(
        env,
        "import django; django.setup()\n"
        "from samverkan.compliance.tasks import refresh_all_verdicts\n"
        "refresh_all_verdicts.enqueue('nightly')\n",
    )
    database = sqlite3.connect(tmp_path / "samverkan.sqlite3", timeout=30)
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        # --no-reload: one process (with DEBUG on, the default reloader runs the worker in a
        # child that a kill of the parent would leave running).
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        done = 0
        while done < 2 * BATCH:  # killed after its second batch, well before the last
            assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()
            row = database.execute("SELECT networks FROM compliance_verdictrun").fetchone()
            done = row[0] if row else 0
            time.sleep(0.01)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
        log.close()
    networks, finished = database.execute(
        "SELECT networks, finished_at FROM compliance_verdictrun"
    ).fetchone()
    assert finished is None and 2 * BATCH <= networks < NETWORKS
    (status,) = database.execute(
        "SELECT status FROM django_tasks_database_dbtaskresult WHERE task_path LIKE '%refresh_all%'"
    ).fetchone()
    assert status == "RUNNING"  # the backend does not notice the worker died

    # An hour passes: the run has stopped moving for longer than COMPLIANCE_RUN_STALE_MINUTES.
    database.execute(
        "UPDATE compliance_verdictrun SET started_at = datetime(started_at, '-1 hour'),"
        " updated_at = datetime(updated_at, '-1 hour')"
    )
    database.execute(
        "UPDATE django_tasks_database_dbtaskresult SET"
        " enqueued_at = datetime(enqueued_at, '-1 hour'),"
        " started_at = datetime(started_at, '-1 hour')"
    )
    database.commit()
    database.close()
    # Started again: the scheduler's tick enqueues the sweep, the worker runs it, the sweep
    # enqueues the resumption, the worker runs that and stops when the queue is empty.
    assert "sweep_notifications" in manage(env, "scheduler", "--once")
    manage(env, "db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert python(env, CHECK).split() == ["current", str(NETWORKS), "True", str(NETWORKS)]
