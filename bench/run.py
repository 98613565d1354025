"""Benchmark: a large cooperation in a fresh database, served by gunicorn, measured from 127.0.0.1.

    .venv/bin/python bench/run.py                        # SQLite file under var/bench/
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/samverkan_bench

It builds 50 municipalities, 12 areas, a development plan with 4 areas, 2,000 networks, 40,000
people, memberships, participations and two years of year plans with bulk_create; serves the app
with gunicorn (2 workers) on a free loopback port with the hello-world view switched on
(SAMVERKAN_BENCH_HELLO=1); makes a bounded number of requests per page with 4 threads; counts the
database queries of each page in-process; prints one table and stops everything it started.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import http.cookies
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
HOST = "127.0.0.1"  # the client and the server use the loopback interface only
SECRETARIAT_EMAIL = "sekretariatet@bench.example"
SECRETARIAT_PASSWORD = "bench-" + secrets.token_urlsafe(12)


# ---- arguments and the database ---------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--database-url",
        default="",
        help="postgres://… (the database is dropped and created); default: a SQLite file "
        "under var/bench/",
    )
    ap.add_argument("--requests", "-n", type=int, default=200, help="requests per page (200)")
    ap.add_argument(
        "--warmup", type=int, default=8, help="warm-up requests per page, at most 10 s (8)"
    )
    ap.add_argument("--concurrency", "-c", type=int, default=4, help="client threads (4)")
    ap.add_argument(
        "--max-seconds",
        type=float,
        default=120.0,
        help="stop measuring a page after this many seconds in all, even if fewer requests "
        "were made (120)",
    )
    ap.add_argument(
        "--rounds", type=int, default=5, help="the pages take turns in this many rounds (5)"
    )
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    ap.add_argument("--networks", type=int, default=2000)
    ap.add_argument("--people", type=int, default=40000)
    ap.add_argument("--municipalities", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reuse", action="store_true", help="keep the database of the last run")
    ap.add_argument("--keep", action="store_true", help="do not drop the PostgreSQL database")
    ap.add_argument(
        "--build-only",
        action="store_true",
        help="build the database and stop (keeps it; measure later with --reuse)",
    )
    ap.add_argument(
        "--profile",
        action="store_true",
        help="profile each page in-process with cProfile and print the top functions",
    )
    return ap.parse_args()


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def pg_admin(url: str, sql: str) -> None:
    """Run one statement on the server's `postgres` database (autocommit)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    admin = admin.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def pg_dbname(url: str) -> str:
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name) or name in {
        "postgres",
        "template0",
        "template1",
    }:
        sys.exit(f"Refusing to drop and create the database {name!r}: give a throwaway name.")
    return name


def fresh_database(url: str, reuse: bool) -> None:
    if is_postgres(url):
        name = pg_dbname(url)
        if not reuse:
            pg_admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            pg_admin(url, f'CREATE DATABASE "{name}"')
    elif not reuse:
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(path) + suffix).unlink(missing_ok=True)


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args, "-v", "0"], env=env, cwd=ROOT, check=True
    )


# ---- the data ---------------------------------------------------------------------------------

PREFIXES = [
    "Ås", "Berg", "Sjö", "Lund", "Strand", "Ek", "Hög", "Norr", "Sö", "Väst", "Öst", "Ljung",
    "Björk", "Gran", "Al",
]  # fmt: skip
SUFFIXES = ["by", "köping", "hamn", "vik", "torp", "stad", "näs", "holm", "dal", "berga"]
AREAS = [
    "Socialtjänst", "Utbildning", "IT och digitalisering", "Kultur och bibliotek",
    "Miljö och hälsa", "Samhällsbyggnad", "Räddningstjänst", "Ekonomi", "HR och personal",
    "Kommunikation", "Fritid och idrott", "Vård och omsorg",
]  # fmt: skip
TOPICS = [
    "Chefsnätverk", "Handläggarnätverk", "Utvecklarnätverk", "Strateggruppen", "Samordnarforum",
    "Kvalitetsnätverk", "Nätverket för upphandling", "Forum för uppföljning", "Arbetsgruppen",
    "Nätverket för kompetensförsörjning", "Beredningsgruppen", "Samverkansgruppen",
]  # fmt: skip
WORDS = [
    "barn", "unga", "äldre", "digital", "tillgänglighet", "trygghet", "hållbarhet", "kompetens",
    "rekrytering", "uppföljning", "kvalitet", "samverkan", "likvärdighet", "energi", "klimat",
    "vatten", "integration", "arbetsmarknad", "bibliotek", "läsfrämjande", "krisberedskap",
    "informationssäkerhet", "e-tjänster", "budget", "statistik",
]  # fmt: skip
FIRST = [
    "Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Johan", "Sara", "Per", "Lena",
    "Karl", "Emma", "Nils", "Ida", "Olof",
]  # fmt: skip
LAST = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
    "Lindberg", "Lindqvist", "Berglund", "Holm", "Sandberg",
]  # fmt: skip


def sentence(rng: random.Random, lead: str) -> str:
    words = rng.sample(WORDS, 4)
    return f"{lead} {words[0]} och {words[1]}, med fokus på {words[2]} och {words[3]}."


def day_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def build(args: argparse.Namespace) -> dict[str, Any]:
    """Create the cooperation with bulk_create in batches; return what the measuring needs."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from samverkan.cooperation.models import (
        Area,
        Cooperation,
        DevelopmentArea,
        DevelopmentPlan,
        Municipality,
        PopulationFigure,
    )
    from samverkan.networks.models import Membership, Network, Participation, YearPlan
    from samverkan.people.models import Person, User

    rng = random.Random(args.seed)
    today = timezone.localdate()
    this_year, last_year = today.year, today.year - 1
    batch = 2000
    long_ago = datetime.date(today.year - 10, 1, 1)

    with transaction.atomic():
        Cooperation.objects.create(
            name="Benchmarksamverkan",
            short_name="Bench",
            purpose="Att kommunerna gör mer tillsammans än var för sig.",
            publish_catalogue=True,
            secretariat_email="sekretariatet@bench.example",
        )
        names = [p + s for p in PREFIXES for s in SUFFIXES]
        rng.shuffle(names)
        municipalities = Municipality.objects.bulk_create(
            Municipality(code=f"{1200 + i:04d}", name=name, slug=slugify(name))
            for i, name in enumerate(sorted(names[: args.municipalities]))
        )
        PopulationFigure.objects.bulk_create(
            PopulationFigure(
                municipality=m,
                date=datetime.date(year, 12, 31),
                population=rng.randint(3_000, 150_000),
                source="SCB (påhittat för benchmark)",
            )
            for m in municipalities
            for year in (today.year - 2, today.year - 1)
        )
        areas = Area.objects.bulk_create(Area(name=n, slug=slugify(n)) for n in AREAS)
        dev_plan = DevelopmentPlan.objects.create(
            cooperation=Cooperation.objects.get(),
            title="Utvecklingsplan",
            start_year=last_year - 1,
            end_year=this_year + 1,
            vision="Kommunerna i samverkan är den bästa platsen att bo och verka i.",
            business_idea="Vi samverkar där det gör nytta för invånarna.",
        )
        dev_areas = DevelopmentArea.objects.bulk_create(
            DevelopmentArea(plan=dev_plan, name=n, slug=slugify(n), order=i, goal=f"Mål för {n}")
            for i, n in enumerate(
                ["Attraktiv skola", "Hållbar tillväxt", "Trygghet och hälsa", "Digital omställning"]
            )
        )

        # Networks with their plans decided first, so that search_text is right on insert.
        statuses = rng.choices(
            [Network.Status.ACTIVE, Network.Status.STARTING, Network.Status.PROPOSED,
             Network.Status.CLOSED],
            weights=[88, 4, 3, 5],
            k=args.networks,
        )  # fmt: skip
        plan_specs: list[list[dict[str, Any]]] = []
        networks: list[Network] = []
        for i, status in enumerate(statuses):
            area = areas[i % len(areas)]
            name = f"{TOPICS[(i // len(areas)) % len(TOPICS)]} {area.name.lower()} {i + 1}"
            started = day_between(rng, long_ago, today - datetime.timedelta(days=400))
            specs: list[dict[str, Any]] = []
            if status != Network.Status.PROPOSED:
                for year, adopted_w, draft_w in ((last_year, 90, 5), (this_year, 70, 15)):
                    state = rng.choices(["adopted", "draft", None], [adopted_w, draft_w, 10])[0]
                    if state is None:
                        continue
                    specs.append(
                        {
                            "year": year,
                            "state": state,
                            "purpose": sentence(rng, "Nätverket utvecklar arbetet med"),
                            "goals": sentence(rng, "Under året vill vi stärka"),
                            "meeting_organisation": "Fyra möten per år, värdskapet roterar.",
                            "contribution": ""
                            if rng.random() < 0.1
                            else sentence(rng, "Nätverket bidrar till visionen genom"),
                            "adopted_on": datetime.date(year, 1, rng.randint(1, 28))
                            if state == "adopted" and year < this_year
                            else (
                                datetime.date(year - 1, 12, rng.randint(1, 20))
                                if state == "adopted"
                                else None
                            ),
                            "areas": rng.sample(dev_areas, rng.choice([0, 1, 1, 2, 2, 3])),
                        }
                    )
            plan_specs.append(specs)
            description = f"Ett nätverk för {area.name.lower()} i kommunerna."
            parts = [name, area.name, description]
            if specs:
                latest = specs[-1]
                parts += [latest["purpose"], latest["goals"], latest["meeting_organisation"]]
            networks.append(
                Network(
                    name=name,
                    slug=slugify(name),
                    area=area,
                    status=status,
                    description=description,
                    proposed_on=started - datetime.timedelta(days=60),
                    started_on=None if status == Network.Status.PROPOSED else started,
                    closed_on=today - datetime.timedelta(days=30)
                    if status == Network.Status.CLOSED
                    else None,
                    search_text=" ".join(p for p in parts if p).lower(),
                )
            )
        networks = Network.objects.bulk_create(networks, batch_size=batch)

        plans: list[YearPlan] = []
        plan_areas: list[list[DevelopmentArea]] = []
        for network, specs in zip(networks, plan_specs, strict=True):
            for spec in specs:
                chosen = spec.pop("areas")
                plans.append(YearPlan(network=network, **spec))
                plan_areas.append(chosen)
        plans = YearPlan.objects.bulk_create(plans, batch_size=batch)
        through = YearPlan.development_areas.through
        through.objects.bulk_create(
            (
                through(yearplan_id=plan.pk, developmentarea_id=area.pk)
                for plan, chosen in zip(plans, plan_areas, strict=True)
                for area in chosen
            ),
            batch_size=batch,
        )

        participations = []
        for network in networks:
            for m in rng.sample(municipalities, rng.randint(6, min(30, len(municipalities)))):
                joined = day_between(rng, network.started_on or long_ago, today)
                left = None
                if rng.random() < 0.04 and joined < today:
                    left = day_between(rng, joined, today)
                participations.append(
                    Participation(
                        network=network,
                        municipality=m,
                        invited_on=joined - datetime.timedelta(days=30),
                        answer=Participation.Answer.YES,
                        answered_on=joined - datetime.timedelta(days=10),
                        joined_on=joined,
                        left_on=left,
                    )
                )
        Participation.objects.bulk_create(participations, batch_size=batch)

        people = []
        for i in range(args.people):
            m = municipalities[rng.randrange(len(municipalities))]
            r = rng.random()
            confirmed = (
                None
                if r < 0.05
                else day_between(rng, today - datetime.timedelta(days=900), today)
                if r < 0.25
                else day_between(rng, today - datetime.timedelta(days=300), today)
            )
            people.append(
                Person(
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    title=rng.choice(["Enhetschef", "Handläggare", "Utvecklare", "Strateg"]),
                    municipality=m,
                    unit=f"{rng.choice(AREAS)}förvaltningen",
                    email="" if rng.random() < 0.01 else f"person{i}@{m.slug}.example",
                    phone=f"0{rng.randint(10, 99)}-{rng.randint(100000, 999999)}",
                    contact_confirmed_on=confirmed,
                )
            )
        people = Person.objects.bulk_create(people, batch_size=batch)

        memberships = []
        cursor = 0
        for network in networks:
            size = rng.randint(15, 25)
            coordinators = rng.choices([0, 1, 2], weights=[6, 70, 24])[0]
            secretary = rng.random() < 0.5
            for j in range(size):
                person = people[cursor % len(people)]
                cursor += 1
                role = (
                    Membership.Role.COORDINATOR
                    if j < coordinators
                    else Membership.Role.SECRETARY
                    if secretary and j == coordinators
                    else Membership.Role.MEMBER
                )
                start = day_between(rng, network.started_on or long_ago, today)
                end = None
                if role == Membership.Role.MEMBER and rng.random() < 0.05 and start < today:
                    end = day_between(rng, start, today - datetime.timedelta(days=1))
                memberships.append(
                    Membership(
                        network=network,
                        person=person,
                        municipality_id=person.municipality_id,
                        role=role,
                        start_on=start,
                        end_on=end,
                    )
                )
        Membership.objects.bulk_create(memberships, batch_size=batch)

        user = User.objects.create(
            email=SECRETARIAT_EMAIL, password=make_password(SECRETARIAT_PASSWORD)
        )
        Person.objects.create(
            name="Sekretariatet Bench",
            email=SECRETARIAT_EMAIL,
            user=user,
            is_secretariat=True,
            contact_confirmed_on=today,
        )
    return {
        "networks": len(networks),
        "people": len(people),
        "memberships": len(memberships),
        "participations": len(participations),
        "plans": len(plans),
    }


def existing_counts() -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password

    from samverkan.networks.models import Membership, Network, Participation, YearPlan
    from samverkan.people.models import Person, User

    User.objects.filter(email=SECRETARIAT_EMAIL).update(
        password=make_password(SECRETARIAT_PASSWORD)
    )
    return {
        "networks": Network.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "participations": Participation.objects.count(),
        "plans": YearPlan.objects.count(),
    }


# ---- the pages --------------------------------------------------------------------------------


@dataclass
class Target:
    label: str
    paths: list[str]
    signed_in: bool = False
    # Variants for the query count: (description, path); all should give the same count.
    variants: list[tuple[str, str]] = field(default_factory=list)


def targets(rng: random.Random) -> list[Target]:
    from django.db.models import Count

    from samverkan.cooperation.models import Area
    from samverkan.networks.models import Network

    active = list(
        Network.objects.filter(status=Network.Status.ACTIVE)
        .order_by("pk")
        .values_list("slug", flat=True)
    )
    slugs = rng.sample(active, min(200, len(active)))
    area = Area.objects.order_by("name").first()
    per_area = Network.objects.filter(area=area).exclude(status=Network.Status.CLOSED).count()
    total = Network.objects.exclude(status=Network.Status.CLOSED).count()
    pages = max(1, Network.objects.filter(status=Network.Status.ACTIVE).count() // 20)
    by_size = list(
        Network.objects.filter(slug__in=slugs)
        .annotate(n=Count("memberships", distinct=True) + Count("participations", distinct=True))
        .order_by("n")
        .values_list("slug", flat=True)
    )
    small, large = by_size[0], by_size[-1]
    terms = ["kvalitet", "digital", "barn", "trygghet", "klimat", "budget", "kompetens"]
    return [
        Target("hello world", ["/bench/hello/"], variants=[("", "/bench/hello/")]),
        Target(
            "catalogue",
            [f"/natverk/?sida={rng.randint(1, pages)}" for _ in range(50)],
            variants=[("page 1", "/natverk/"), (f"page {pages}", f"/natverk/?sida={pages}")],
        ),
        Target(
            "catalogue search",
            [f"/natverk/?q={rng.choice(terms)}&sida={rng.randint(1, 5)}" for _ in range(50)],
            signed_in=True,
            variants=[
                ("q=kvalitet", "/natverk/?q=kvalitet"),
                ("q=digital barn", "/natverk/?q=digital+barn"),
            ],
        ),
        Target(
            "network page",
            [f"/natverk/{s}/" for s in slugs],
            variants=[(f"small: {s}", f"/natverk/{s}/") for s in (small,)]
            + [(f"large: {s}", f"/natverk/{s}/") for s in (large,)],
        ),
        Target(
            "network page (secr.)",
            [f"/natverk/{s}/" for s in slugs],
            signed_in=True,
            variants=[(f"small: {s}", f"/natverk/{s}/") for s in (small,)]
            + [(f"large: {s}", f"/natverk/{s}/") for s in (large,)],
        ),
        Target(
            "dashboard (secr.)",
            [f"/oversikt/?sida={rng.randint(1, max(1, total // 50))}" for _ in range(50)],
            signed_in=True,
            variants=[
                (f"all {total} networks", "/oversikt/"),
                (
                    f"one area, {per_area} networks",
                    f"/oversikt/?omrade={area.slug if area else ''}",
                ),
                ("only missing", "/oversikt/?visa=missing"),
            ],
        ),
    ]


@dataclass
class QueryFigures:
    counts: list[tuple[str, int]]
    ms: float  # median in-process wall time of the first variant
    cpu_ms: float  # its Python CPU time (without the database server's), robust to machine load
    size: int  # bytes of the first variant's response


def count_queries(tgts: list[Target], profile: bool) -> dict[str, QueryFigures]:
    """Render every page in-process with django.test.Client against the bench database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from samverkan.people.models import User

    user = User.objects.get(email=SECRETARIAT_EMAIL)
    anonymous, secretariat = Client(), Client()
    secretariat.force_login(user)
    out: dict[str, QueryFigures] = {}
    for t in tgts:
        client = secretariat if t.signed_in else anonymous
        counts = []
        size = 0
        for desc, path in t.variants:
            client.get(path)  # warm caches (translations, templates, the cooperation)
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code} in-process")
            counts.append((desc, len(ctx.captured_queries)))
            size = size or len(response.content)
        times: list[float] = []
        cpu: list[float] = []
        while len(times) < 3 and sum(times) < 3000:
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(t.variants[0][1])
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        out[t.label] = QueryFigures(counts, statistics.median(times), statistics.median(cpu), size)
        if profile and t.label != "hello world":
            import cProfile
            import pstats

            prof = cProfile.Profile()
            prof.enable()
            client.get(t.variants[0][1])
            prof.disable()
            print(f"\n--- profile: {t.label} {t.variants[0][1]}")
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    return out


# ---- the server and the client ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int) -> Iterator[int]:
    port = free_port()
    log = (VAR / "gunicorn.log").open("w")
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "samverkan.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"gunicorn stopped: see {VAR / 'gunicorn.log'}")
            try:
                status, _, _ = request(port, "/bench/hello/")
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not answer within 60 s")
            time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def request(
    port: int, path: str, *, method: str = "GET", body: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, list[str]], bytes]:  # fmt: skip
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        hdrs: dict[str, list[str]] = {}
        for k, v in resp.getheaders():
            hdrs.setdefault(k.lower(), []).append(v)
        return resp.status, hdrs, data
    finally:
        conn.close()


def cookies_from(headers: dict[str, list[str]]) -> dict[str, str]:
    jar: dict[str, str] = {}
    for raw in headers.get("set-cookie", []):
        c = http.cookies.SimpleCookie()
        c.load(raw)
        jar.update({k: m.value for k, m in c.items()})
    return jar


def sign_in(port: int) -> str:
    """Sign in through allauth's form with its CSRF token; return the Cookie header."""
    status, headers, body = request(port, "/konto/login/")
    jar = cookies_from(headers)
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not match or "csrftoken" not in jar:
        raise SystemExit(f"login page: {status}, no CSRF token")
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": match.group(1).decode(),
            "login": SECRETARIAT_EMAIL,
            "password": SECRETARIAT_PASSWORD,
        }
    )
    status, headers, _ = request(
        port,
        "/konto/login/",
        method="POST",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken']}",
        },
    )
    jar.update(cookies_from(headers))
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"login failed: {status}")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


@dataclass
class Result:
    label: str
    done: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.done / self.seconds if self.seconds else 0.0

    @property
    def median(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95(self) -> float:
        xs = sorted(self.latencies_ms)
        return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def load(
    port: int,
    paths: list[str],
    offset: int,
    count: int,
    concurrency: int,
    cookie: str,
    max_seconds: float,
) -> tuple[int, int, float, list[float]]:
    """`count` GETs over `concurrency` threads, each with its own keep-alive connection
    (gunicorn's sync workers close after each response; http.client then reconnects)."""
    lock = threading.Lock()
    issued = 0
    latencies: list[float] = []
    errors = 0
    headers = {"Cookie": cookie} if cookie else {}
    start = time.perf_counter()

    def worker() -> None:
        nonlocal issued, errors
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        try:
            while True:
                with lock:
                    if issued >= count or time.perf_counter() - start > max_seconds:
                        return
                    path = paths[(offset + issued) % len(paths)]
                    issued += 1
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers)
                    resp = conn.getresponse()
                    resp.read()
                    ok = resp.status == 200
                    if resp.will_close:
                        conn.close()
                except (OSError, http.client.HTTPException):
                    ok = False
                    conn.close()
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        errors += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), errors, time.perf_counter() - start, latencies


def git_describe() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head or 'not a git checkout'}{' with local changes' if dirty else ''}"


# ---- main -------------------------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{VAR / 'bench.sqlite3'}"
    engine = "PostgreSQL" if is_postgres(url) else "SQLite"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "samverkan.settings",
        "SAMVERKAN_DEBUG": "0",
        "SAMVERKAN_BENCH_HELLO": "1",
        "SAMVERKAN_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SAMVERKAN_SECRET_KEY": secrets.token_urlsafe(40),
        "SAMVERKAN_LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    created = False
    try:
        fresh_database(url, args.reuse)
        created = is_postgres(url) and not args.reuse
        t0 = time.perf_counter()
        manage(env, "migrate", "--no-input")
        manage(env, "createcachetable")
        migrate_s = time.perf_counter() - t0

        import django

        django.setup()
        from django.db import connection

        t0 = time.perf_counter()
        counts = existing_counts() if args.reuse else build(args)
        build_s = time.perf_counter() - t0
        print(
            f"{engine}: migrated in {migrate_s:.1f} s; built {counts['networks']} networks, "
            f"{counts['people']} people, {counts['memberships']} memberships, "
            f"{counts['participations']} participations, {counts['plans']} year plans "
            f"in {build_s:.1f} s",
            flush=True,
        )

        if args.build_only:
            created = False  # keep it
            return
        tgts = targets(random.Random(args.seed))
        queries = count_queries(tgts, args.profile)
        connection.close()

        results = {t.label: Result(t.label, 0, 0, 0.0, []) for t in tgts}
        load_before = os.getloadavg()[0]
        with gunicorn(env, args.workers) as port:
            cookie = sign_in(port)
            print(f"gunicorn, {args.workers} workers, on {HOST}:{port}; signed in", flush=True)
            for t in tgts:
                c = cookie if t.signed_in else ""
                load(port, t.paths, 0, args.warmup, args.concurrency, c, 10.0)
            # The pages take turns in rounds, so that a change in the machine's load during the
            # run affects every page alike and the ratios to hello world stay fair.
            per_round = max(1, -(-args.requests // args.rounds))
            for n in range(args.rounds):
                for t in tgts:
                    r = results[t.label]
                    want = min(per_round, args.requests - r.done - r.errors)
                    if want <= 0 or r.seconds > args.max_seconds:
                        continue
                    c = cookie if t.signed_in else ""
                    done, errors, seconds, lat = load(
                        port,
                        t.paths,
                        r.done + r.errors,
                        want,
                        args.concurrency,
                        c,
                        args.max_seconds - r.seconds,
                    )
                    r.done += done
                    r.errors += errors
                    r.seconds += seconds
                    r.latencies_ms += lat
                print(f"  round {n + 1}/{args.rounds} done", flush=True)
        for r in results.values():
            if not r.latencies_ms:
                raise SystemExit(f"{r.label}: no successful request ({r.errors} errors)")
        print(
            f"machine: {os.cpu_count()} CPUs, 1-min load average {load_before:.1f} before and "
            f"{os.getloadavg()[0]:.1f} after measuring; code: {git_describe()}"
        )
        report(engine, args, counts, build_s, list(results.values()), queries)
    finally:
        if created and not args.keep:
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            with contextlib.suppress(Exception):
                pg_admin(url, f'DROP DATABASE IF EXISTS "{pg_dbname(url)}" WITH (FORCE)')


def report(
    engine: str,
    args: argparse.Namespace,
    counts: dict[str, Any],
    build_s: float,
    results: list[Result],
    queries: dict[str, QueryFigures],
) -> None:
    hello = results[0]
    print()
    print(
        f"{engine} · {counts['networks']} networks, {counts['people']} people · build "
        f"{build_s:.1f} s · gunicorn {args.workers} sync workers · {args.concurrency} client "
        f"threads on {HOST} · {args.requests} requests per page after {args.warmup} warm-up"
    )
    header = (
        f"{'page':<22}{'reqs':>6}{'err':>5}{'req/s':>9}{'median ms':>11}{'p95 ms':>9}"
        f"{'x hello lat':>13}{'hello/page rps':>16}{'queries':>9}"
        f"{'in-proc ms':>12}{'cpu ms':>9}{'KB':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        q = queries[r.label]
        qs = sorted({n for _, n in q.counts})
        qtext = str(qs[0]) if len(qs) == 1 else f"{qs[0]}-{qs[-1]}"
        print(
            f"{r.label:<22}{r.done:>6}{r.errors:>5}{r.rps:>9.1f}{r.median:>11.1f}{r.p95:>9.1f}"
            f"{r.median / hello.median:>13.1f}{hello.rps / r.rps:>16.1f}{qtext:>9}"
            f"{q.ms:>12.1f}{q.cpu_ms:>9.1f}{q.size / 1024:>7.0f}"
        )
    print()
    print("Queries per page for different inputs (flat = the same number whatever the size):")
    for r in results:
        print(
            f"  {r.label:<22}"
            + "; ".join(f"{d or r.label}: {n}" for d, n in queries[r.label].counts)
        )


if __name__ == "__main__":
    main()
