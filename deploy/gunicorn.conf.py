"""Gunicorn's configuration for Samverkan: `gunicorn -c deploy/gunicorn.conf.py` from the
application's folder (deploy/samverkan-web.service, `make serve`, the browser tests).

Every value can be changed from the environment (SAMVERKAN_WEB_*), so the same file serves a
small instance and a large one.

Why threads (worker_class "gthread") and not gunicorn's default "sync" workers: a sync worker
reads a request's body itself and tells the master it is alive only between requests, so an
upload from a slow connection (a 25 MB file over a poor mobile line takes minutes) holds the
whole worker and, after `timeout` seconds (30 by default), the master kills it in the middle of
the upload. Two such uploads at once left no worker free for anybody else (issue 18: 6 of 7
health checks failed). A gthread worker's main thread keeps telling the master it is alive
while its threads serve requests, so a slow request is never killed for being slow, and it
holds one thread, not the worker. `timeout` then only restarts a worker that is truly stuck.
Behind nginx (deploy/nginx.conf) the proxy also buffers each upload before passing it on, so
gunicorn sees it arrive at once; gthread is what protects an instance without such a proxy."""

import multiprocessing
import os
from typing import Any


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samverkan.settings")

wsgi_app = "samverkan.wsgi:application"
# SAMVERKAN_WEB_BIND (e.g. "unix:/run/samverkan/web.sock" or "127.0.0.1:8000"); by default the
# address `make run` uses, SAMVERKAN_HOST:SAMVERKAN_PORT.
bind = [
    os.environ.get("SAMVERKAN_WEB_BIND")
    or f"{os.environ.get('SAMVERKAN_HOST', '127.0.0.1')}:{os.environ.get('SAMVERKAN_PORT', '8000')}"
]

worker_class = "gthread"
# Processes: one per core (at least two, so that one restarting never leaves none); threads
# each: requests mostly wait for the database, so a few per process.
workers = _env_int("SAMVERKAN_WEB_WORKERS", max(2, multiprocessing.cpu_count()))
threads = _env_int("SAMVERKAN_WEB_THREADS", 4)
# Seconds before the master restarts a worker that stopped answering it (see above: not a limit
# on how long a request may take). A PDF of the yearly report takes a few seconds.
timeout = _env_int("SAMVERKAN_WEB_TIMEOUT", 120)
# On a restart or stop (SIGTERM), requests under way get this long to finish.
graceful_timeout = _env_int("SAMVERKAN_WEB_GRACEFUL_TIMEOUT", 30)
# Keep-alive between the proxy and gunicorn; a little longer than the default two seconds.
keepalive = _env_int("SAMVERKAN_WEB_KEEPALIVE", 5)
# A worker is replaced after this many requests (with jitter, so not all at once): it bounds
# what a long-lived process may accumulate (WeasyPrint's font caches). 0: never.
max_requests = _env_int("SAMVERKAN_WEB_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Heartbeat files on memory, not on a disk that may stall (gunicorn's own advice for containers).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"
# No control socket: gunicorn 25+ opens one at ~/.gunicorn/gunicorn.ctl by default, which two
# instances for the same user (several web servers, the tests) would fight over.
control_socket_disable = True

# Access log on standard output (journald keeps it under the unit), with the time taken in ms;
# errors on standard error.
accesslog = os.environ.get("SAMVERKAN_WEB_ACCESS_LOG", "-") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("SAMVERKAN_WEB_LOG_LEVEL", "info")


def on_starting(server: object) -> None:
    """Before any worker starts: refuse to start, naming every setting that is missing or
    wrong (samverkan/site/checks.py), rather than serve a site that cannot send e-mail or has
    no styles."""
    import django

    django.setup()
    from samverkan.site.checks import refuse_to_start_unless_ready

    refuse_to_start_unless_ready()


def post_worker_init(worker: Any) -> None:
    """A new worker imports the views, compiles the templates and reads the translations before
    its first request (samverkan/site/warmup.py), so that the first visitor after a start or a
    `max_requests` restart does not wait for them (issue 17: a cold dashboard took 360 ms against
    110 ms warm). SAMVERKAN_WEB_WARM_UP=0 leaves it to the first requests."""
    if os.environ.get("SAMVERKAN_WEB_WARM_UP", "1").strip() == "0":
        return
    from samverkan.site.warmup import warm_up

    took = warm_up()
    parts = ", ".join(f"{name} {ms:.0f} ms" for name, ms in took.items())
    worker.log.info("warmed up in %.0f ms (%s)", sum(took.values()), parts)
