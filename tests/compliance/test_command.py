"""`manage.py compliance` (issue 17, part A): reads the stored verdicts, computes fresh for a
day with --as-of, refreshes every network with --refresh."""

import datetime
import io
import json

from django.core.management import call_command
from django.utils import timezone

from samverkan.compliance.models import StoredVerdict, VerdictRun
from samverkan.compliance.registry import as_of_for_year
from samverkan.compliance.selectors import evaluate, verdicts_document
from samverkan.networks.models import Network
from tests.helpers import capture_queries


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("compliance", *args, stdout=out)
    return out.getvalue()


def test_refresh_stores_every_network_and_says_so(cast):
    out = run("--refresh", "--batch-size", "1")
    assert "Beräknade om 2 nätverk" in out
    assert VerdictRun.objects.get().finished_at is not None
    assert StoredVerdict.objects.values("network").distinct().count() == 2


def test_json_reads_the_stored_rows(cast):
    run("--refresh")
    year = timezone.localdate().year
    as_of = as_of_for_year(year, timezone.localdate())
    expected = verdicts_document(evaluate(Network.objects.order_by("slug"), as_of), year, as_of)
    with capture_queries() as queries:
        doc = json.loads(run("--format", "json"))
    assert doc == expected
    assert not any("INSERT" in q for q in queries.sql)  # read, not recomputed


def test_as_of_computes_fresh_for_that_day(cast):
    day = datetime.date(2025, 11, 2)
    doc = json.loads(run("--format", "json", "--as-of", day.isoformat()))
    assert doc == verdicts_document(evaluate(Network.objects.order_by("slug"), day), 2025, day)
    assert not StoredVerdict.objects.exists()


def test_table_for_one_network(cast):
    out = run("--network", cast.network.slug)
    lines = out.splitlines()
    assert lines[0].startswith("network") and "N4" in lines[0]
    assert lines[1].startswith(cast.network.slug) and len(lines) == 2
