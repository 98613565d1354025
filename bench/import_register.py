"""Benchmark: the register import (issue 14, part 1) of a large file into a fresh database.

    .venv/bin/python bench/import_register.py                  # SQLite, var/bench/import.sqlite3
    .venv/bin/python bench/import_register.py --database-url postgres://postgres@127.0.0.1:5432/samverkan_import_bench

It migrates a fresh database, sets up the cooperation as an instance starts (SCB's
municipalities through import_population, the areas of work, one secretariat account), writes
the workbook of tests/imports/helpers.large_register (40 networks, 1,000 people, 2,000
memberships and a management contact per municipality and area, by default), and times three
runs of `import_register` as the page and `manage.py import_register` make them: the dry run,
the import, and the same file again (which must change nothing). For each it prints the wall
and CPU time and the number of database queries. With PostgreSQL the named database is dropped
and created (never `postgres` or a template) and dropped again at the end unless --keep.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from run import fresh_database, is_postgres, pg_admin, pg_dbname  # noqa: E402

AREAS = [
    "Socialtjänst", "Utbildning", "IT och digitalisering", "Kultur och bibliotek",
    "Miljö och hälsa", "Samhällsbyggnad", "Räddningstjänst", "Ekonomi", "HR och personal",
    "Kommunikation", "Fritid och idrott", "Vård och omsorg",
]  # fmt: skip
SECRETARIAT = "sekretariatet@bench.example"


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--database-url", default="", help="postgres://… (dropped and created)")
    ap.add_argument("--networks", type=int, default=40)
    ap.add_argument("--people", type=int, default=1000)
    ap.add_argument("--memberships", type=int, default=2000)
    ap.add_argument("--areas", type=int, default=4, help="areas of work in the register (4)")
    ap.add_argument("--keep", action="store_true", help="do not drop the PostgreSQL database")
    ap.add_argument(
        "--profile", action="store_true", help="print the import's top functions (cProfile)"
    )
    return ap.parse_args()


class QueryCounter:
    """Counts every statement sent (CaptureQueriesContext keeps at most 9,000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        self.count += 1
        return execute(sql, params, many, context)


def setup_cooperation(areas: int) -> object:
    from django.utils.text import slugify

    from samverkan.cooperation.models import Area, Cooperation, Municipality
    from samverkan.cooperation.population import SHIPPED_CSV
    from samverkan.cooperation.services import import_population
    from samverkan.people.models import Person, User

    Cooperation.current()
    import_population(None, SHIPPED_CSV)
    Municipality.objects.update(member_from="2000-01-01")  # bench set-up, not the import
    for name in AREAS[:areas]:
        Area.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
    user = User.objects.create_user(SECRETARIAT, secrets.token_urlsafe(16))
    Person.objects.create(name="Sekretariatet", email=SECRETARIAT, user=user, is_secretariat=True)
    return user


def main() -> None:
    args = parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{VAR / 'import.sqlite3'}"
    engine = "PostgreSQL" if is_postgres(url) else "SQLite"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "samverkan.settings",
        "SAMVERKAN_DEBUG": "0",
        "SAMVERKAN_SECRET_KEY": secrets.token_urlsafe(40),
        "SAMVERKAN_LOG_LEVEL": "ERROR",
        "PYTHONPATH": str(ROOT),
    }
    os.environ.update(env)
    created = False
    try:
        if is_postgres(url):
            pg_dbname(url)
        fresh_database(url, reuse=False)
        created = is_postgres(url)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--no-input", "-v", "0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        migrated = time.perf_counter() - t0

        import django

        django.setup()
        from django.db import connection

        from samverkan.cooperation.models import Area, Municipality
        from samverkan.imports.reading import Source
        from samverkan.imports.services import import_register
        from samverkan.networks.models import Membership, Network
        from samverkan.people.models import Person
        from tests.imports.helpers import large_register, xlsx

        actor = setup_cooperation(args.areas)
        register = large_register(
            networks=args.networks,
            people=args.people,
            memberships=args.memberships,
            areas=list(Area.objects.values_list("name", flat=True)),
            municipalities=list(Municipality.objects.values_list("name", flat=True)),
        )
        data = xlsx(register)
        path = VAR / "register.xlsx"
        path.write_bytes(data)
        rows = {title: len(r) - 1 for title, r in register.items()}
        print(
            f"{engine}: migrated in {migrated:.1f} s; {path.relative_to(ROOT)}: "
            f"{len(data) / 1024:.0f} KB, "
            + ", ".join(f"{n} rows {title}" for title, n in rows.items()),
            flush=True,
        )
        print(f"{'run':<22} {'wall s':>8} {'CPU s':>8} {'queries':>9}  result")
        for label, dry in (("dry run", True), ("import", False), ("same file again", False)):
            counter = QueryCounter()
            profile = cProfile.Profile() if args.profile and label == "import" else None
            wall, cpu = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(counter):
                if profile is not None:
                    profile.enable()
                report = import_register(actor, [Source(path.name, data)], dry_run=dry)
                if profile is not None:
                    profile.disable()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if profile is not None:
                pstats.Stats(profile).sort_stats("tottime").print_stats(30)
            if not report.ok:
                sys.exit("\n".join(report.lines()))
            outcome = "; ".join(s.line() for s in report.sheets)
            print(f"{label:<22} {wall:>8.1f} {cpu:>8.1f} {counter.count:>9}  {outcome}", flush=True)
        print(
            f"in the database: {Network.objects.count()} networks, {Person.objects.count()} "
            f"people, {Membership.objects.count()} memberships; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        )
        connection.close()
    finally:
        if created and not args.keep:
            pg_admin(url, f'DROP DATABASE IF EXISTS "{pg_dbname(url)}" WITH (FORCE)')


if __name__ == "__main__":
    main()
