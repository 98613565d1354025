"""Benchmark: a large cooperation in a fresh database, served by gunicorn, measured from 127.0.0.1.

    .venv/bin/python bench/run.py                        # SQLite file under var/bench/
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/samverkan_bench
    .venv/bin/python bench/run.py --networks 10000 --people 200000 --database-url postgres://…

It builds 50 municipalities, 12 areas, a development plan with 4 areas, 2,000 networks, 40,000
people, memberships, participations and two years of year plans (bulk_create in batches, COPY on
PostgreSQL; the build time is printed); fills the stored verdicts in a task worker (time, peak
RSS); serves the app with gunicorn (2 workers) on a free loopback port with the baselines
switched on (SAMVERKAN_BENCH_HELLO=1); loads each page with 8 connections (wrk when installed)
in rounds; reads the workers' CPU and memory from /proc; times the dashboard cold, right after a
write and warm; counts the queries of each page in-process; prints the tables and stops
everything it started.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import http.client
import http.cookies
import itertools
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
HOST = "127.0.0.1"  # the client and the server use the loopback interface only
SECRETARIAT_EMAIL = "sekretariatet@bench.example"
SECRETARIAT_PASSWORD = "bench-" + secrets.token_urlsafe(12)
TICK = os.sysconf("SC_CLK_TCK")
AFTER_WRITE = "right after a write"  # /proc/<pid>/stat counts CPU time in these


# ---- arguments and the database ---------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--database-url",
        default="",
        help="postgres://… (the database is dropped and created); default: a SQLite file "
        "under var/bench/",
    )
    ap.add_argument("--networks", type=int, default=2000, help="networks (2000)")
    ap.add_argument("--people", type=int, default=40000, help="people (40000)")
    ap.add_argument("--municipalities", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--seconds", type=float, default=8.0, help="load per page, in all rounds together (8)"
    )
    ap.add_argument(
        "--rounds", type=int, default=4, help="the pages take turns in this many rounds (4)"
    )
    ap.add_argument(
        "--connections", "-c", type=int, default=8, help="client connections at once (8)"
    )
    ap.add_argument(
        "--client",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="wrk (C, one thread) or Python threads; auto: wrk when installed",
    )
    ap.add_argument("--warmup", type=int, default=8, help="warm-up requests per page (8)")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    ap.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DATABASE_CONN_MAX_AGE of the served app, seconds (60; 0 opens a connection "
        "per request)",
    )
    ap.add_argument(
        "--samples",
        type=int,
        default=5,
        help="dashboards timed one at a time: warm, right after a write, cold (5; cold: 3)",
    )
    ap.add_argument(
        "--no-warm-up",
        action="store_true",
        help="new workers do not warm up before their first request (production does: "
        "deploy/gunicorn.conf.py)",
    )
    ap.add_argument("--reuse", action="store_true", help="keep the database of the last run")
    ap.add_argument("--keep", action="store_true", help="do not drop the PostgreSQL database")
    ap.add_argument(
        "--build-only",
        action="store_true",
        help="build the database and stop (keeps it; measure later with --reuse)",
    )
    ap.add_argument(
        "--refresh-only",
        action="store_true",
        help="build, then only time the stored verdicts' refresh in a task worker (no pages)",
    )
    ap.add_argument(
        "--profile",
        action="store_true",
        help="profile each page in-process with cProfile and print the top functions",
    )
    ap.add_argument(
        "--code-version",
        default="",
        help="what to print as the code measured (default: from git, read-only)",
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


def load_average() -> float:
    return os.getloadavg()[0]


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


def insert(model: Any, objs: Iterable[Any], *, with_pk: bool, copy: bool, batch: int = 2000) -> int:
    """Insert model instances (a generator: none is kept after its batch) with COPY on
    PostgreSQL, bulk_create in batches elsewhere; `with_pk`: they carry their own primary keys
    (the caller resets the sequences). Returns how many."""
    from django.db import connection

    n = 0
    if not copy:
        for chunk in itertools.batched(objs, batch):
            model.objects.bulk_create(list(chunk))
            n += len(chunk)
        return n
    qn = connection.ops.quote_name
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    columns = ", ".join(qn(f.column) for f in fields)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN") as out:
            for obj in objs:
                out.write_row(
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                )
                n += 1
    return n


def build(args: argparse.Namespace) -> dict[str, Any]:
    """Create the cooperation in one transaction; the large tables are streamed (generators,
    primary keys given here) so that memory stays flat at any size. Returns the counts."""
    from django.contrib.auth.hashers import make_password
    from django.core.management.color import no_style
    from django.db import connection, transaction
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
    long_ago = datetime.date(today.year - 10, 1, 1)
    copy = connection.vendor == "postgresql"

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
        networks: list[Network] = []
        plans: list[YearPlan] = []
        plan_areas: list[tuple[int, int]] = []
        for i, status in enumerate(statuses):
            area = areas[i % len(areas)]
            name = f"{TOPICS[(i // len(areas)) % len(TOPICS)]} {area.name.lower()} {i + 1}"
            started = day_between(rng, long_ago, today - datetime.timedelta(days=400))
            latest: YearPlan | None = None
            if status != Network.Status.PROPOSED:
                for year, adopted_w, draft_w in ((last_year, 90, 5), (this_year, 70, 15)):
                    state = rng.choices(["adopted", "draft", None], [adopted_w, draft_w, 10])[0]
                    if state is None:
                        continue
                    latest = YearPlan(
                        pk=len(plans) + 1,
                        network_id=i + 1,
                        year=year,
                        state=state,
                        purpose=sentence(rng, "Nätverket utvecklar arbetet med"),
                        goals=sentence(rng, "Under året vill vi stärka"),
                        meeting_organisation="Fyra möten per år, värdskapet roterar.",
                        contribution=""
                        if rng.random() < 0.1
                        else sentence(rng, "Nätverket bidrar till visionen genom"),
                        adopted_on=datetime.date(year, 1, rng.randint(1, 28))
                        if state == "adopted" and year < this_year
                        else (
                            datetime.date(year - 1, 12, rng.randint(1, 20))
                            if state == "adopted"
                            else None
                        ),
                    )
                    plans.append(latest)
                    chosen = rng.sample(dev_areas, rng.choice([0, 1, 1, 2, 2, 3]))
                    plan_areas += [(latest.pk, a.pk) for a in chosen]
            description = f"Ett nätverk för {area.name.lower()} i kommunerna."
            parts = [name, area.name, description]
            if latest is not None:
                parts += [latest.purpose, latest.goals, latest.meeting_organisation]
            networks.append(
                Network(
                    pk=i + 1,
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
        insert(Network, networks, with_pk=True, copy=copy)
        insert(YearPlan, plans, with_pk=True, copy=copy)
        through = YearPlan.development_areas.through
        insert(
            through,
            (through(yearplan_id=p, developmentarea_id=a) for p, a in plan_areas),
            with_pk=False,
            copy=copy,
        )

        def participations() -> Iterator[Participation]:
            for network in networks:
                for m in rng.sample(municipalities, rng.randint(6, min(30, len(municipalities)))):
                    joined = day_between(rng, network.started_on or long_ago, today)
                    left = None
                    if rng.random() < 0.04 and joined < today:
                        left = day_between(rng, joined, today)
                    yield Participation(
                        network_id=network.pk,
                        municipality_id=m.pk,
                        invited_on=joined - datetime.timedelta(days=30),
                        answer=Participation.Answer.YES,
                        answered_on=joined - datetime.timedelta(days=10),
                        joined_on=joined,
                        left_on=left,
                    )

        n_participations = insert(Participation, participations(), with_pk=False, copy=copy)

        person_municipality: list[int] = []  # by person pk - 1: all the memberships need

        def people() -> Iterator[Person]:
            for i in range(args.people):
                m = municipalities[rng.randrange(len(municipalities))]
                person_municipality.append(m.pk)
                r = rng.random()
                confirmed = (
                    None
                    if r < 0.05
                    else day_between(rng, today - datetime.timedelta(days=900), today)
                    if r < 0.25
                    else day_between(rng, today - datetime.timedelta(days=300), today)
                )
                yield Person(
                    pk=i + 1,
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    title=rng.choice(["Enhetschef", "Handläggare", "Utvecklare", "Strateg"]),
                    municipality_id=m.pk,
                    unit=f"{rng.choice(AREAS)}förvaltningen",
                    email="" if rng.random() < 0.01 else f"person{i}@{m.slug}.example",
                    phone=f"0{rng.randint(10, 99)}-{rng.randint(100000, 999999)}",
                    contact_confirmed_on=confirmed,
                )

        n_people = insert(Person, people(), with_pk=True, copy=copy)

        def memberships() -> Iterator[Membership]:
            cursor = 0
            for network in networks:
                size = rng.randint(15, 25)
                coordinators = rng.choices([0, 1, 2], weights=[6, 70, 24])[0]
                secretary = rng.random() < 0.5
                for j in range(size):
                    index = cursor % n_people
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
                    yield Membership(
                        network_id=network.pk,
                        person_id=index + 1,
                        municipality_id=person_municipality[index],
                        role=role,
                        start_on=start,
                        end_on=end,
                    )

        n_memberships = insert(Membership, memberships(), with_pk=False, copy=copy)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Network, YearPlan, Person]):
                cursor.execute(sql)

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
    # The objects created one by one above landed in the history, which marked every network
    # stale and queued a re-evaluation; the refresh that follows the build evaluates them all.
    from django_tasks_db.models import DBTaskResult

    from samverkan.compliance.models import VerdictMark

    VerdictMark.objects.all().delete()
    DBTaskResult.objects.all().delete()
    if copy:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # COPY leaves the planner without statistics
    return {
        "networks": len(networks),
        "people": n_people,
        "memberships": n_memberships,
        "participations": n_participations,
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


def secretariat_second_factor() -> str:
    """The secretariat must show a second factor (SAMVERKAN_MFA_REQUIRED): give it a TOTP
    authenticator with a new secret; returns the secret, from which sign_in makes the code."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from samverkan.people.models import User

    user = User.objects.get(email=SECRETARIAT_EMAIL)
    Authenticator.objects.filter(user=user).delete()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def write_one(network_pk: int) -> None:
    """A secretariat's write through a service, as a page would make it: this year's plan of
    one network gets new goals (a history entry marks the network's stored verdicts stale and
    enqueues one re-evaluation, which no worker runs until the refresh step)."""
    from django.utils import timezone

    from samverkan.networks.models import Network
    from samverkan.networks.services import save_year_plan
    from samverkan.people.models import User

    user = User.objects.get(email=SECRETARIAT_EMAIL)
    network = Network.objects.get(pk=network_pk)
    year = timezone.localdate().year
    plan = network.year_plans.filter(year=year).first()
    stamp = f"{time.time():.6f}"
    save_year_plan(
        user,
        network,
        year=year,
        purpose=plan.purpose if plan else "Nätverket utvecklar arbetet.",
        goals=f"Under året vill vi stärka uppföljningen ({stamp}).",
        meeting_organisation=plan.meeting_organisation if plan else "Fyra möten per år.",
        contribution=plan.contribution if plan else "",
        development_areas=list(plan.development_areas.all()) if plan else [],
        expected_version=plan.version if plan else None,
    )


def marked(network_pk: int) -> bool:
    from samverkan.compliance.models import VerdictMark

    return VerdictMark.objects.filter(network_id=network_pk).exists()


# ---- the pages --------------------------------------------------------------------------------


@dataclass
class Target:
    label: str
    paths: list[str]
    signed_in: bool = False
    # Variants for the query count: (description, path); all should give the same count.
    variants: list[tuple[str, str]] = field(default_factory=list)
    # Also count the first variant right after a write to this network (the dashboard).
    after_write: int | None = None


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
    pages = max(1, len(active) // 20)
    by_size = list(
        Network.objects.filter(slug__in=slugs)
        .annotate(n=Count("memberships", distinct=True) + Count("participations", distinct=True))
        .order_by("n")
        .values_list("slug", flat=True)
    )
    small, large = by_size[0], by_size[-1]
    terms = ["kvalitet", "digital", "barn", "trygghet", "klimat", "budget", "kompetens"]
    network_variants = [
        (f"small: {small}", f"/natverk/{small}/"),
        (f"large: {large}", f"/natverk/{large}/"),
    ]
    last = max(1, total // 50)
    return [
        Target("hello world", ["/bench/hello/"], variants=[("", "/bench/hello/")]),
        Target("bare page, 20 rows", ["/bench/rows/"], variants=[("", "/bench/rows/")]),
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
        Target("network page", [f"/natverk/{s}/" for s in slugs], variants=network_variants),
        Target(
            "network page (secr.)",
            [f"/natverk/{s}/" for s in slugs],
            signed_in=True,
            variants=network_variants,
        ),
        Target(
            "dashboard (secr.)",
            [f"/oversikt/?sida={rng.randint(1, last)}" for _ in range(50)],
            signed_in=True,
            variants=[
                (f"all {total} networks", "/oversikt/"),
                (f"page {last}", f"/oversikt/?sida={last}"),
                (f"one area, {per_area}", f"/oversikt/?omrade={area.slug if area else ''}"),
                ("only missing", "/oversikt/?visa=missing"),
            ],
            after_write=Network.objects.filter(slug=active[0]).values_list("pk", flat=True)[0],
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
    from allauth.account.internal.flows.login import record_authentication
    from django.test import RequestFactory

    fake = RequestFactory().get("/")
    fake.session = secretariat.session
    record_authentication(fake, user, "mfa", type="totp")  # as after the TOTP code
    fake.session.save()
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
        if t.after_write is not None:
            write_one(t.after_write)
            if not marked(t.after_write):
                print("  warning: the write marked no stored verdict as stale", flush=True)
            with CaptureQueriesContext(connection) as ctx:
                client.get(t.variants[0][1])
            counts.append((AFTER_WRITE, len(ctx.captured_queries)))
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


# ---- processes: CPU and memory from /proc -----------------------------------------------------


def proc_stat(pid: int) -> tuple[int, float]:
    """(parent pid, CPU seconds in user and system mode) of a process."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def children(parent: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                if proc_stat(int(entry))[0] == parent:
                    out.append(int(entry))
    return sorted(out)


def cpu_of(pids: Iterable[int]) -> dict[int, float]:
    out = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            out[pid] = proc_stat(pid)[1]
    return out


class Server:
    """The gunicorn master and its workers (found through /proc); for PostgreSQL also the
    database server's backends of the bench database, whose CPU is the database's share."""

    def __init__(self, master: int, port: int, postgres: bool) -> None:
        self.master, self.port, self.postgres = master, port, postgres

    def workers(self) -> list[int]:
        return children(self.master)

    def cpu(self) -> float:
        return sum(cpu_of(self.workers()).values())

    def rss_mb(self) -> float:
        sizes = [rss_kb(p) for p in self.workers()]
        return max(sizes, default=0) / 1024

    def backends(self) -> list[int]:
        if not self.postgres:
            return []
        from django.db import connection

        with connection.cursor() as c:
            c.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
            )
            return [r[0] for r in c.fetchall()]

    def db_cpu(self) -> dict[int, float]:
        return cpu_of(self.backends())

    def wait_idle(self, quiet: float = 0.15, limit: float = 30.0) -> None:
        """Until no worker has used CPU for `quiet` seconds (requests cut off at the end of a
        run are still being answered)."""
        deadline = time.monotonic() + limit
        last = self.cpu()
        calm_since = time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.cpu()
            if now != last:
                last, calm_since = now, time.monotonic()
            elif time.monotonic() - calm_since >= quiet:
                return

    def restart_workers(self, count: int) -> None:
        """SIGHUP: gunicorn starts new workers and stops the old ones; return once the new
        ones have loaded the app and wait in accept() (their CPU stands still)."""
        old = set(self.workers())
        os.kill(self.master, signal.SIGHUP)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now = set(self.workers())
            if len(now) == count and not now & old:
                break
            time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not restart its workers within 60 s")
        booted = 0.2  # CPU seconds: loading Django takes more than this
        while time.monotonic() < deadline:
            cpu = cpu_of(self.workers())
            if all(v >= booted for v in cpu.values()):
                break
            time.sleep(0.05)
        self.wait_idle(quiet=0.5)


# ---- the server and the client ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int) -> Iterator[tuple[int, int]]:
    """Yields (port, master pid)."""
    port = free_port()
    log = (VAR / "gunicorn.log").open("w")
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "samverkan.wsgi:application",
            "--config",
            "bench/gunicorn_hooks.py",
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
        yield port, proc.pid
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
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
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


def sign_in(port: int, totp_secret: str) -> str:
    """Sign in as the secretariat through allauth's forms (password, then the TOTP code) with
    their CSRF tokens; return the Cookie header."""
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
    location = headers.get("location", [""])[0]
    if status == 302 and "/2fa/authenticate" in location:  # the second factor's step
        path = urllib.parse.urlsplit(location).path
        cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
        status, headers, body = request(port, path, headers={"Cookie": cookie})
        jar.update(cookies_from(headers))
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not match:
            raise SystemExit(f"second factor page: {status}, no CSRF token")
        form = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": match.group(1).decode(), "code": totp_code(totp_secret)}
        )
        status, headers, _ = request(
            port,
            path,
            method="POST",
            body=form,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
            },
        )
        jar.update(cookies_from(headers))
    if status != 302 or "sessionid" not in jar:
        raise SystemExit(f"login failed: {status}")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


@dataclass
class Run:
    """One load run of a page (or all of a page's runs added up)."""

    responses: int = 0
    errors: int = 0
    seconds: float = 0.0
    latency_us: Counter[int] = field(default_factory=Counter)
    # Requests the server answered after the client had stopped counting: wrk stops with a
    # request outstanding on each connection; the Python client finishes its own.
    cut_off: int = 0
    cpu_s: float = 0.0  # the workers' CPU during the run (until they were idle again)
    db_cpu_s: float | None = None  # PostgreSQL's backends of the bench database
    rss_mb: float = 0.0  # the largest worker's RSS after the run

    def add(self, other: Run) -> None:
        self.responses += other.responses
        self.errors += other.errors
        self.seconds += other.seconds
        self.latency_us.update(other.latency_us)
        self.cut_off += other.cut_off
        self.cpu_s += other.cpu_s
        if other.db_cpu_s is not None:
            self.db_cpu_s = (self.db_cpu_s or 0.0) + other.db_cpu_s
        self.rss_mb = max(self.rss_mb, other.rss_mb)

    @property
    def rps(self) -> float:
        return self.responses / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """Nearest rank, in ms."""
        total = sum(self.latency_us.values())
        if not total:
            return 0.0
        rank, seen = max(1, round(p / 100 * total)), 0
        for value in sorted(self.latency_us):
            seen += self.latency_us[value]
            if seen >= rank:
                return value / 1000
        return max(self.latency_us) / 1000

    def per_request_ms(self, seconds: float | None) -> float | None:
        answered = self.responses + self.errors + self.cut_off
        return None if seconds is None or not answered else seconds * 1000 / answered


def wrk_load(port: int, paths: list[str], offset: int, seconds: float, connections: int,
             cookie: str) -> Run:  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
        paths_file, out_file = Path(tmp) / "paths", Path(tmp) / "out.json"
        paths_file.write_text("\n".join(paths) + "\n")
        env = {
            **os.environ,
            "BENCH_PATHS": str(paths_file),
            "BENCH_OUT": str(out_file),
            "BENCH_COOKIE": cookie,
            "BENCH_OFFSET": str(offset),
        }
        subprocess.run(
            [
                "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout",
                "120s", "-s", str(Path(__file__).with_name("wrk.lua")), f"http://{HOST}:{port}",
            ],
            env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        data = json.loads(out_file.read_text())
    errors = data["connect"] + data["read"] + data["write"] + data["status"] + data["timeout"]
    return Run(
        responses=data["requests"] - data["status"],
        errors=errors,
        seconds=data["duration_us"] / 1e6,
        latency_us=Counter({v: c for v, c in data["latency"]}),
        cut_off=connections,
    )


def python_load(port: int, paths: list[str], offset: int, seconds: float, connections: int,
                cookie: str) -> Run:  # fmt: skip
    """`connections` threads for `seconds`, each with its own connection (gunicorn's sync
    workers close after each response; http.client then reconnects)."""
    lock = threading.Lock()
    issued = 0
    run = Run()
    headers = {"Cookie": cookie} if cookie else {}
    start = time.perf_counter()

    def worker() -> None:
        nonlocal issued
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        try:
            while time.perf_counter() - start < seconds:
                with lock:
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
                elapsed = round((time.perf_counter() - t0) * 1e6)
                with lock:
                    if ok:
                        run.responses += 1
                        run.latency_us[elapsed] += 1
                    else:
                        run.errors += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    run.seconds = time.perf_counter() - start
    return run


def measured(server: Server, work: Callable[[], Run]) -> Run:
    """Run `work` and add the CPU the workers (and the database's backends) spent on it."""
    server.wait_idle()
    cpu0, db0 = server.cpu(), server.db_cpu()
    run = work()
    server.wait_idle()
    run.cpu_s = server.cpu() - cpu0
    if server.postgres:
        db1 = server.db_cpu()
        run.db_cpu_s = sum(v - db0.get(pid, 0.0) for pid, v in db1.items())
    run.rss_mb = server.rss_mb()
    return run


@dataclass
class Timed:
    """Dashboards requested one at a time: client latency, worker CPU, database CPU."""

    latency_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    db_ms: list[float] = field(default_factory=list)
    size: int = 0


def timed_get(server: Server, path: str, cookie: str, into: Timed) -> None:
    def one() -> Run:
        t0 = time.perf_counter()
        status, _, body = request(server.port, path, headers={"Cookie": cookie})
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        into.size = len(body)
        return Run(responses=1, seconds=time.perf_counter() - t0)

    run = measured(server, one)
    into.latency_ms.append(run.seconds * 1000)
    into.cpu_ms.append(run.cpu_s * 1000)
    if run.db_cpu_s is not None:
        into.db_ms.append(run.db_cpu_s * 1000)


# ---- the stored verdicts' refresh in a task worker --------------------------------------------


@dataclass
class Refresh:
    label: str
    tasks: int
    networks: int
    run_s: float  # the tasks' own time, start to finish (the worker's start-up not counted)
    process_s: float  # the worker process, start to exit (Django's start-up included)
    cpu_s: float  # the worker process's CPU (getrusage)
    peak_rss_mb: float  # the worker process's peak RSS (VmHWM)
    rows: int


def peak_rss_kb(pid: int) -> int:
    """VmHWM: the peak RSS of the program the process runs now. (getrusage's ru_maxrss of a
    child also counts the parent's pages at the fork, here the whole benchmark's.)"""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def refresh_in_worker(env: dict[str, str], label: str, kind: str | None) -> Refresh:
    """Enqueue the refresh of every network (kind given), or nothing (run what is queued),
    and run `manage.py db_worker --batch` in a new process until the queue is empty."""
    from django.db import connection
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from samverkan.compliance.models import StoredVerdict
    from samverkan.compliance.tasks import refresh_all_verdicts

    since = timezone.now()
    if kind is not None:
        refresh_all_verdicts.enqueue(kind=kind)
    connection.close()
    log = (VAR / "worker.log").open("a")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--batch", "--no-startup-delay"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    peak = 0
    while True:
        with contextlib.suppress(OSError):
            peak = max(peak, peak_rss_kb(proc.pid))
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.1)
    proc.returncode = os.waitstatus_to_exitcode(status)
    process_s = time.perf_counter() - t0
    log.close()
    if proc.returncode:
        raise SystemExit(f"db_worker exited with {proc.returncode}: see {VAR / 'worker.log'}")
    tasks = list(DBTaskResult.objects.filter(finished_at__gte=since))
    failed = [t.task_path for t in tasks if t.status != "SUCCESSFUL"]
    if failed:
        raise SystemExit(f"tasks failed: {failed}; see {VAR / 'worker.log'}")
    networks = 0
    for t in tasks:
        value = t.return_value
        networks += value.get("networks", 0) if isinstance(value, dict) else int(value or 0)
    return Refresh(
        label=label,
        tasks=len(tasks),
        networks=networks,
        run_s=sum(
            (t.finished_at - t.started_at).total_seconds()
            for t in tasks
            if t.started_at is not None and t.finished_at is not None
        ),
        process_s=process_s,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_rss_mb=peak / 1024,
        rows=StoredVerdict.objects.count(),
    )


def queue_delay(env: dict[str, str], network_pks: list[int]) -> list[float]:
    """With a task worker running as in production (`manage.py db_worker`, its default poll
    interval of 1 s), the seconds from each write's commit until the written network's rows
    are current again (its mark gone): what a verdict may lag behind a change."""
    from django.db import connection

    connection.close()
    log = (VAR / "worker.log").open("a")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-startup-delay"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    delays: list[float] = []
    try:
        time.sleep(3)  # the worker is up and idle, polling
        for pk in network_pks:
            write_one(pk)
            t0 = time.perf_counter()
            while marked(pk):
                if time.perf_counter() - t0 > 60:
                    raise SystemExit(f"no task answered a write in 60 s: see {VAR / 'worker.log'}")
                time.sleep(0.01)
            delays.append(time.perf_counter() - t0)
            time.sleep(0.37)  # the next write at another point of the worker's poll
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    return delays


def git_describe() -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return f"{head or 'not a git checkout'}{' with local changes' if dirty else ''}"


# ---- main -------------------------------------------------------------------------------------


def warm_up(port: int, paths: list[str], cookie: str, count: int) -> None:
    """`count` requests over two connections, so that every worker has served the page."""
    headers = {"Cookie": cookie} if cookie else {}

    def some(start: int) -> None:
        for i in range(start, count, 2):
            request(port, paths[i % len(paths)], headers=headers)

    threads = [threading.Thread(target=some, args=(i,)) for i in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


@dataclass
class Figures:
    engine: str
    counts: dict[str, Any]
    build_s: float
    client: str
    pages: dict[str, Run]
    queries: dict[str, QueryFigures]
    dashboards: dict[str, Timed]
    refreshes: list[Refresh]
    loads: dict[str, float]
    code: str
    delays: list[float] = field(default_factory=list)


def main() -> None:
    args = parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{VAR / 'bench.sqlite3'}"
    postgres = is_postgres(url)
    engine = "PostgreSQL" if postgres else "SQLite"
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"
    elif client == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk), or use --client python")
    load_fn = wrk_load if client == "wrk" else python_load
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DATABASE_CONN_MAX_AGE": str(args.conn_max_age),
        "DJANGO_SETTINGS_MODULE": "samverkan.settings",
        "SAMVERKAN_DEBUG": "0",
        "SAMVERKAN_BENCH_HELLO": "1",
        "SAMVERKAN_WEB_WARM_UP": "0" if args.no_warm_up else "1",
        "SAMVERKAN_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SAMVERKAN_SECRET_KEY": secrets.token_urlsafe(40),
        "SAMVERKAN_LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    loads = {"start": load_average()}
    created = False
    try:
        fresh_database(url, args.reuse)
        created = postgres and not args.reuse
        t0 = time.perf_counter()
        manage(env, "migrate", "--no-input")
        manage(env, "createcachetable")
        migrate_s = time.perf_counter() - t0
        # gunicorn serves as production does (DEBUG off, WhiteNoise's manifest): a fresh
        # checkout has no collected static files yet.
        manage(env, "collectstatic", "--no-input")

        import django

        django.setup()
        from django.db import connection

        from samverkan.networks.models import Network

        t0 = time.perf_counter()
        counts = existing_counts() if args.reuse else build(args)
        build_s = time.perf_counter() - t0
        print(
            f"{engine}: migrated in {migrate_s:.1f} s; built {counts['networks']} networks, "
            f"{counts['people']} people, {counts['memberships']} memberships, "
            f"{counts['participations']} participations, {counts['plans']} year plans "
            f"in {build_s:.1f} s (1-min load average {load_average():.1f})",
            flush=True,
        )
        if args.build_only:
            created = False  # keep it
            return
        totp_secret = secretariat_second_factor()

        refreshes = [
            refresh_in_worker(
                env,
                "every network, rows replaced" if args.reuse else "every network, first rows",
                "refresh",
            )
        ]
        print(
            f"stored verdicts: {refreshes[0].rows} rows in {refreshes[0].run_s:.1f} s", flush=True
        )
        if postgres:
            # What autovacuum does in production after bulk writes: without it the planner
            # still believes the tables as empty as at `migrate` and, for one, hashes all
            # 46,000 stored rows of a year for the dashboard's staleness check (19 ms) where
            # an index probe per network takes 5 ms.
            t0 = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
            print(f"VACUUM ANALYZE in {time.perf_counter() - t0:.1f} s", flush=True)
        if args.refresh_only:
            refreshes.append(refresh_in_worker(env, "every network, nightly", "nightly"))
            loads["end"] = load_average()
            print(
                f"\n{engine} · {counts['networks']} networks, {counts['people']} people · build "
                f"{build_s:.1f} s · 1-min load average {loads['start']:.1f} at the start, "
                f"{loads['end']:.1f} at the end"
            )
            refresh_table(refreshes)
            return
        rng = random.Random(args.seed)
        tgts = targets(rng)
        queries = count_queries(tgts, args.profile)
        writes = list(
            Network.objects.filter(status=Network.Status.ACTIVE)
            .order_by("pk")
            .values_list("pk", flat=True)[1 : args.samples + 1]
        )
        connection.close()

        pages = {t.label: Run() for t in tgts}
        dashboards = {k: Timed() for k in ("cold", "after a write", "warm")}
        slice_s = args.seconds / args.rounds
        if client == "wrk":
            slice_s = max(1, round(slice_s))
        with gunicorn(env, args.workers) as (port, master):
            server = Server(master, port, postgres)
            cookie = sign_in(port, totp_secret)
            print(
                f"gunicorn, {args.workers} workers, on {HOST}:{port}; signed in; {client}, "
                f"{args.connections} connections, {args.rounds} rounds of {slice_s:g} s per page",
                flush=True,
            )
            for t in tgts:
                warm_up(port, t.paths, cookie if t.signed_in else "", args.warmup)
            loads["measuring"] = load_average()
            # The pages take turns in rounds, so that a change in the machine's load during the
            # run affects every page alike and the shares of hello world stay fair.
            for n in range(args.rounds):
                for t in tgts:
                    c = cookie if t.signed_in else ""
                    offset = rng.randrange(len(t.paths))
                    pages[t.label].add(
                        measured(
                            server,
                            functools.partial(
                                load_fn, port, t.paths, offset, slice_s, args.connections, c
                            ),
                        )
                    )
                print(f"  round {n + 1}/{args.rounds} done", flush=True)
            # The dashboard one request at a time: warm, right after a write, cold.
            for _ in range(args.samples):
                timed_get(server, "/oversikt/", cookie, dashboards["warm"])
            for pk in writes:
                write_one(pk)
                timed_get(server, "/oversikt/", cookie, dashboards["after a write"])
            connection.close()
            for _ in range(min(3, args.samples)):
                server.restart_workers(args.workers)
                timed_get(server, "/oversikt/", cookie, dashboards["cold"])
            loads["measured"] = load_average()
        for r in pages.values():
            if not r.responses:
                sys.exit(f"a page had no successful response: see {VAR / 'gunicorn.log'}")
        refreshes.append(refresh_in_worker(env, "the tasks the writes queued", None))
        delays = queue_delay(env, writes)
        refreshes.append(refresh_in_worker(env, "every network, nightly", "nightly"))
        loads["end"] = load_average()
        report(
            args,
            Figures(
                engine=engine,
                counts=counts,
                build_s=build_s,
                client=client,
                pages=pages,
                queries=queries,
                dashboards=dashboards,
                refreshes=refreshes,
                loads=loads,
                code=args.code_version or git_describe(),
                delays=delays,
            ),
        )
    finally:
        if created and not args.keep:
            with contextlib.suppress(Exception):
                from django.db import connections

                connections.close_all()
            with contextlib.suppress(Exception):
                pg_admin(url, f'DROP DATABASE IF EXISTS "{pg_dbname(url)}" WITH (FORCE)')


def fmt(value: float | None, spec: str = ".1f") -> str:
    return "—" if value is None else format(value, spec)


def refresh_table(refreshes: list[Refresh]) -> None:
    header = (
        f"{'stored verdicts, task worker':<36}{'tasks':>6}{'networks':>9}{'run s':>8}"
        f"{'ms/network':>11}{'cpu ms/netw':>12}{'process s':>10}{'peak RSS MB':>12}{'rows':>9}"
    )
    print(header)
    print("-" * len(header))
    for x in refreshes:
        per = x.run_s * 1000 / x.networks if x.networks else None
        cpu = x.cpu_s * 1000 / x.networks if x.networks else None
        print(
            f"{x.label:<36}{x.tasks:>6}{x.networks:>9}{x.run_s:>8.1f}{fmt(per):>11}"
            f"{fmt(cpu):>12}{x.process_s:>10.1f}{x.peak_rss_mb:>12.0f}{x.rows:>9}"
        )
    print("run s: the tasks' own time; cpu ms/netw: the worker process's CPU (its start-up "
          "included) per network;")  # fmt: skip
    print("process s: `manage.py db_worker --batch` from start to exit; peak RSS: its VmHWM.")


def report(args: argparse.Namespace, f: Figures) -> None:
    hello = f.pages["hello world"]
    c = f.counts
    print()
    print(
        f"{f.engine} · {c['networks']} networks, {c['people']} people, {c['memberships']} "
        f"memberships · build {f.build_s:.1f} s · gunicorn {args.workers} sync workers "
        f"{'(no warm-up)' if args.no_warm_up else 'warmed up'}, "
        f"DATABASE_CONN_MAX_AGE={args.conn_max_age} · {f.client}, {args.connections} "
        f"connections on {HOST}, {args.seconds:g} s per page in {args.rounds} rounds"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, 1-min load average {f.loads['start']:.1f} at the "
        f"start, {f.loads.get('measuring', 0):.1f} before and {f.loads.get('measured', 0):.1f} "
        f"after measuring the pages, {f.loads.get('end', 0):.1f} at the end; code: {f.code}"
    )
    db = "db ms" if f.engine == "PostgreSQL" else ""
    header = (
        f"{'page':<22}{'resp':>7}{'err':>5}{'req/s':>8}{'% hello':>9}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'p99 ms':>8}{'cpu ms':>8}{db:>7}{'1-proc':>8}{'queries':>9}{'KB':>6}{'RSS MB':>8}"
    )
    print()
    print(header)
    print("-" * len(header))
    for label, r in f.pages.items():
        q = f.queries[label]
        qs = sorted({n for d, n in q.counts if d != AFTER_WRITE})
        qtext = str(qs[0]) if len(qs) == 1 else f"{qs[0]}-{qs[-1]}"
        share = "" if r is hello else f"{100 * r.rps / hello.rps:.1f}"
        dbtext = fmt(r.per_request_ms(r.db_cpu_s), ".2f") if db else ""
        print(
            f"{label:<22}{r.responses:>7}{r.errors:>5}{r.rps:>8.1f}{share:>9}"
            f"{r.percentile(50):>8.1f}{r.percentile(95):>8.1f}{r.percentile(99):>8.1f}"
            f"{fmt(r.per_request_ms(r.cpu_s), '.2f'):>8}{dbtext:>7}{q.cpu_ms:>8.1f}{qtext:>9}"
            f"{q.size / 1024:>6.0f}{r.rss_mb:>8.0f}"
        )
    print()
    print("cpu ms: the gunicorn workers' CPU (/proc/<pid>/stat) per request under load; 1-proc: "
          "the Python CPU of one in-process render;")  # fmt: skip
    print("db ms: the CPU of PostgreSQL's backends per request; RSS MB: the larger worker's "
          "after the page's runs.")  # fmt: skip
    print()
    header = (
        f"{'dashboard, one at a time':<26}{'n':>3}{'p50 ms':>9}{'max ms':>9}{'cpu ms':>9}"
        f"{'max cpu':>9}{'db ms':>8}{'KB':>6}"
    )
    print(header)
    print("-" * len(header))
    for label, t in f.dashboards.items():
        if not t.latency_ms:
            continue
        print(
            f"{label:<26}{len(t.latency_ms):>3}{statistics.median(t.latency_ms):>9.1f}"
            f"{max(t.latency_ms):>9.1f}{statistics.median(t.cpu_ms):>9.1f}{max(t.cpu_ms):>9.1f}"
            f"{fmt(statistics.median(t.db_ms) if t.db_ms else None):>8}{t.size / 1024:>6.0f}"
        )
    print("cold: the first request of a new worker process (gunicorn restarted its workers), "
          "which warmed up first as in production unless --no-warm-up;")  # fmt: skip
    print("after a write: a year plan saved through the service just before (its task not run).")
    print()
    refresh_table(f.refreshes)
    if f.delays:
        ms = sorted(d * 1000 for d in f.delays)
        print(
            f"queue's delay, write committed → its network's rows current, a db_worker polling "
            f"every 1 s: {len(ms)} writes, median {statistics.median(ms):.0f} ms, "
            f"max {ms[-1]:.0f} ms"
        )
    print()
    print("Queries per page for different inputs (flat = the same number whatever the size):")
    for label, q in f.queries.items():
        print(f"  {label:<22}" + "; ".join(f"{d or label}: {n}" for d, n in q.counts))


if __name__ == "__main__":
    main()
