"""Scale-out on one machine (issue 18 §6): separate processes as on several hosts, one PostgreSQL
and one Redis, and the three facts that must hold across them.

    .venv/bin/python bench/scaleout.py [--database-url postgres://postgres@127.0.0.1:5432/samverkan_scaleout]
        [--redis-url redis://127.0.0.1:6379/15] [--notices 1000] [--only-sign-in]

Starts two gunicorn instances on two ports behind a small round-robin proxy (Python, in this
process), two `db_worker`s and two `scheduler`s, all with DEBUG off on the same PostgreSQL
database (dropped and made afresh: give a throwaway name) and Redis database (flushed), and a
local SMTP sink (aiosmtpd) that records every message. Then:

1. creates N notices (one per person) and kills one worker with SIGKILL while they are being
   sent; waits until every notice is sent and counts the e-mails per Message-ID at the sink
   (exactly once; a duplicate may only carry the same Message-ID: delivery.py's trade-off);
2. counts the daily-reminder runs and sweeps the two schedulers enqueued;
3. signs in with a one-time code through one server and replays the code on the other; fails
   five logins on one account through the proxy (alternating servers), then gives the right
   password to each server directly, which must refuse it (the limit is in Redis).

--only-sign-in starts only the two web servers and the proxy and checks only 3.
Prints the figures; exits 1 if a fact does not hold."""

import argparse
import contextlib
import email
import http.client
import http.cookiejar
import http.server
import itertools
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
PASSWORD = "Skalning-bench-2026!"
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/samverkan_scaleout"
    )
    ap.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    ap.add_argument("--notices", type=int, default=1000)
    ap.add_argument("--timeout", type=int, default=300, help="seconds to wait for the e-mails")
    ap.add_argument(
        "--only-sign-in", action="store_true", help="only the web servers and the sign-in facts"
    )
    return ap.parse_args()


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


# ---- the SMTP sink ----------------------------------------------------------------------------


class Sink:
    def __init__(self) -> None:
        self.message_ids: Counter[str] = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content)
        with self.lock:
            self.message_ids[message["Message-ID"]] += 1
        return "250 Message accepted"

    def total(self) -> int:
        with self.lock:
            return sum(self.message_ids.values())


# ---- the proxy --------------------------------------------------------------------------------


def proxy(backends: list[int]) -> tuple[http.server.ThreadingHTTPServer, int]:
    """Round robin over the backends, one request each in turn (no stickiness)."""
    turn = itertools.cycle(backends)
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _forward(self) -> None:
            with lock:
                port = next(turn)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
            conn.request(self.command, self.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in ("connection", "transfer-encoding", "content-length"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Backend", str(port))
            self.end_headers()
            self.wfile.write(data)
            conn.close()

        do_GET = do_POST = _forward

        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            pass

    server = http.server.ThreadingHTTPServer((HOST, free_port()), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


# ---- processes --------------------------------------------------------------------------------


@contextlib.contextmanager
def processes(
    env: dict[str, str], log_dir: Path, only_web: bool = False
) -> Iterator[tuple[dict[str, subprocess.Popen], list[int]]]:
    python = sys.executable
    manage = str(ROOT / "manage.py")
    gunicorn = str(Path(python).with_name("gunicorn"))
    ports = [free_port(), free_port()]
    commands = {
        "web1": [gunicorn, "samverkan.wsgi:application", "-w", "2", "-b", f"{HOST}:{ports[0]}"],
        "web2": [gunicorn, "samverkan.wsgi:application", "-w", "2", "-b", f"{HOST}:{ports[1]}"],
        "worker1": [python, manage, "db_worker", "--worker-id", "worker1", "--interval", "0.2"],
        "worker2": [python, manage, "db_worker", "--worker-id", "worker2", "--interval", "0.2"],
        "scheduler1": [python, manage, "scheduler", "--interval", "1"],
        "scheduler2": [python, manage, "scheduler", "--interval", "1"],
    }
    running: dict[str, subprocess.Popen] = {}
    try:
        for name, command in commands.items():
            if only_web and not name.startswith("web"):
                continue
            log = (log_dir / f"scaleout-{name}.log").open("w")
            running[name] = subprocess.Popen(
                command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
            )
            if name.startswith("web"):
                wait_for(ports[int(name[-1]) - 1])
        yield running, ports
    finally:
        for proc in running.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in running.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def wait_for(port: int) -> None:
    deadline = time.monotonic() + 180  # two workers each importing the app: slow on 2 cores
    last: object = None
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=60)
            conn.request("GET", "/konto/login/")
            last = conn.getresponse().status
            if last == 200:
                return
        except OSError as error:
            last = error
        time.sleep(0.3)
    raise SystemExit(f"the web server on {port} did not answer within 180 s (last: {last})")


# ---- a browser-ish client ---------------------------------------------------------------------


class Client:
    def __init__(self, port: int) -> None:
        self.base = f"http://{HOST}:{port}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def get(self, path: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, data: dict[str, str]) -> tuple[int, str, str]:
        _status, page, _ = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        form = {**data, "csrfmiddlewaretoken": token.group(1) if token else ""}
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(form).encode(),
            headers={"Referer": self.base + path},
        )
        return self._open(request)

    def _open(self, request: urllib.request.Request) -> tuple[int, str, str]:
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        return response.status, response.read().decode(), response.headers.get("Location", "")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


# ---- the run ----------------------------------------------------------------------------------


def setup(args: argparse.Namespace) -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "bench"))
    from run import fresh_database

    fresh_database(args.database_url, reuse=False)
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "CACHE_URL": args.redis_url,
        "DJANGO_SETTINGS_MODULE": "samverkan.settings",
        "SAMVERKAN_DEBUG": "0",
        "SAMVERKAN_SECRET_KEY": os.environ.get("SAMVERKAN_SECRET_KEY")
        or "b" * 20 + os.urandom(24).hex(),
        "SAMVERKAN_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SAMVERKAN_SITE_URL": "http://127.0.0.1",
        "DEFAULT_FROM_EMAIL": "samverkan@bench.invalid",
        "EMAIL_USE_TLS": "0",
        "SAMVERKAN_REMINDERS_HOUR": "0",
        "SAMVERKAN_NOTIFICATIONS_SWEEP_MINUTES": "1",
        "SAMVERKAN_NOTIFICATIONS_STUCK_MINUTES": "1",
        "SAMVERKAN_TASKS_ABANDONED_MINUTES": "1",
        "SAMVERKAN_MFA_REQUIRED": "secretariat",
        "SAMVERKAN_LOGIN_LIMIT": "10/m/ip,5/300s/key",
    }
    os.environ.update(env)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT, check=True
    )
    subprocess.run([sys.executable, "manage.py", "createcachetable"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    return env


def make_people(count: int) -> tuple[list, object, str]:
    """`count` people with e-mail, and a secretariat account with an authenticator app."""
    from allauth.mfa.totp.internal import auth

    from samverkan.people.models import Person, User

    people = Person.objects.bulk_create(
        Person(name=f"Person {i}", email=f"person{i}@bench.invalid") for i in range(count)
    )
    user = User.objects.create_user("sekretariatet@bench.invalid", PASSWORD)
    user.is_staff = True
    user.save()
    secret = auth.generate_totp_secret()
    auth.TOTP.activate(user, secret)
    return people, user, secret


def notify_all(people: list) -> None:
    from samverkan.notifications.services import notify

    for start in range(0, len(people), 100):  # notify() enqueues each after its commit
        for person in people[start : start + 100]:
            notify([person], kind="bench", subject="Skalningstest", body="Hej", key="bench:1")


def run_notices(args, env, procs, sink: Sink) -> dict:
    from samverkan.notifications.models import Notification

    people, user, secret = make_people(args.notices)
    started = time.monotonic()
    threading.Thread(target=notify_all, args=(people,), daemon=True).start()
    deadline = time.monotonic() + args.timeout
    while sink.total() < args.notices // 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    procs["worker1"].send_signal(signal.SIGKILL)
    killed_at = sink.total()
    deadline = time.monotonic() + args.timeout
    sent = 0
    while time.monotonic() < deadline:
        sent = Notification.objects.filter(email_status="sent").count()
        if sent == args.notices:
            break
        time.sleep(0.5)
    elapsed = time.monotonic() - started
    time.sleep(2)  # the last sweep's abandoned-task marking
    counts = Counter(sink.message_ids.values())
    return {
        "notices": args.notices,
        "sent": sent,
        "killed_after_emails": killed_at,
        "distinct_message_ids": len(sink.message_ids),
        "emails": sink.total(),
        "twice": counts.get(2, 0),
        "more_than_twice": sum(n for times, n in counts.items() if times > 2),
        "seconds": round(elapsed, 1),
        "user": user,
        "secret": secret,
    }


def run_scheduler_facts() -> dict:
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from samverkan.notifications.models import ScheduledRun

    today = timezone.localdate().isoformat()
    daily = DBTaskResult.objects.filter(
        task_path="samverkan.notifications.tasks.run_daily_reminders"
    )
    sweeps = DBTaskResult.objects.filter(
        task_path="samverkan.notifications.tasks.sweep_notifications"
    ).count()
    slots = ScheduledRun.objects.filter(task="sweep").count()
    running = DBTaskResult.objects.filter(status="RUNNING")
    stale = running.filter(started_at__lt=timezone.now() - datetime.timedelta(minutes=2)).count()
    abandoned = DBTaskResult.objects.filter(
        exception_class_path="samverkan.notifications.abandoned.WorkerLost"
    ).count()
    return {
        "daily_runs_enqueued_today": daily.filter(args_kwargs__args=[today]).count(),
        "sweeps_enqueued": sweeps,
        "sweep_slots": slots,
        "tasks_running_stale": stale,
        "tasks_marked_abandoned": abandoned,
    }


def run_login_facts(ports: list[int], proxy_port: int, user, secret: str) -> dict:
    from allauth.mfa.totp.internal import auth

    from samverkan.people.models import User

    # One-time code: sign in on web1 with the code, then replay it on web2.
    code = auth.format_hotp_value(
        auth.hotp_value(secret, next(auth.yield_hotp_counters_from_time()))
    )
    results = []
    for port in ports:
        c = Client(port)
        c.post("/konto/login/", {"login": user.email, "password": PASSWORD})
        status, _page, location = c.post("/konto/2fa/authenticate/", {"code": code})
        results.append(status == 302 and "2fa" not in location)
    # Login limits (5 failures per account and address, SAMVERKAN_LOGIN_LIMIT): wrong passwords
    # through the proxy, alternating servers; then the right one on each server directly.
    limited = User.objects.create_user("begransad@bench.invalid", PASSWORD)
    client = Client(proxy_port)
    for _ in range(5):
        client.post("/konto/login/", {"login": limited.email, "password": "fel"})
    refused = []
    for port in ports:
        status, page, _ = Client(port).post(
            "/konto/login/", {"login": limited.email, "password": PASSWORD}
        )
        refused.append(status == 200 and "För många misslyckade inloggningsförsök" in page)
    return {
        "code_accepted_on_web1": results[0],
        "same_code_accepted_on_web2": results[1],
        "failures_through_proxy": 5,
        "right_password_refused_on_web1_web2": refused,
    }


def main() -> int:
    args = parse_args()
    env = setup(args)
    from aiosmtpd.controller import Controller

    sink = Sink()
    controller = Controller(sink, hostname=HOST, port=free_port())
    controller.start()
    env["EMAIL_HOST"], env["EMAIL_PORT"] = HOST, str(controller.port)
    os.environ.update(env)
    import django

    django.setup()
    log_dir = ROOT / "var"
    log_dir.mkdir(exist_ok=True)
    try:
        with processes(env, log_dir, only_web=args.only_sign_in) as (procs, ports):
            server, proxy_port = proxy(ports)
            if args.only_sign_in:
                _people, user, secret = make_people(0)
                login = run_login_facts(ports, proxy_port, user, secret)
                server.shutdown()
                return report({"sign-in": login}, login_holds(login))
            notices = run_notices(args, env, procs, sink)
            user, secret = notices.pop("user"), notices.pop("secret")
            time.sleep(30)  # more sweeps and ticks by both schedulers after the last e-mail
            scheduler = run_scheduler_facts()
            login = run_login_facts(ports, proxy_port, user, secret)
            server.shutdown()
    finally:
        controller.stop()
    holds = {
        "every notice e-mailed, none lost": notices["distinct_message_ids"] == args.notices
        and notices["sent"] == args.notices,
        "no notice e-mailed more than twice": notices["more_than_twice"] == 0,
        "the daily run enqueued once": scheduler["daily_runs_enqueued_today"] == 1,
        "each sweep slot enqueued once": scheduler["sweeps_enqueued"] == scheduler["sweep_slots"],
        "no task left running by the killed worker": scheduler["tasks_running_stale"] == 0,
        **login_holds(login),
    }
    return report({"e-mail": notices, "scheduler": scheduler, "sign-in": login}, holds)


def login_holds(login: dict) -> dict[str, bool]:
    return {
        "login limit holds on both servers": all(login["right_password_refused_on_web1_web2"]),
        "a one-time code works once across servers": login["code_accepted_on_web1"]
        and not login["same_code_accepted_on_web2"],
    }


def report(sections: dict[str, dict], holds: dict[str, bool]) -> int:
    for title, figures in sections.items():
        print(f"{title}:")
        for key, value in figures.items():
            print(f"  {key}: {value}")
    for fact, ok in holds.items():
        print(f"{'holds' if ok else 'FAILS'}: {fact}")
    return 0 if all(holds.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
