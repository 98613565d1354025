"""Stored verdicts equal freshly computed ones (issue 17, Acceptance): for the demo, and for a
mid-size cooperation built by the benchmark's own generator."""

import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from samverkan.compliance import stored
from samverkan.compliance.registry import as_of_for_year
from samverkan.compliance.selectors import evaluate, verdicts_document
from samverkan.networks.models import Network
from tests.compliance.test_stored import assert_stored_equals_fresh

BENCH = Path(__file__).resolve().parents[2] / "bench" / "run.py"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def bench_build(networks: int, people: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    argv = sys.argv
    sys.argv = ["run.py", "--networks", str(networks), "--people", str(people)]
    try:
        args = module.parse_args()
    finally:
        sys.argv = argv
    args.municipalities = min(args.municipalities, 20)
    module.build(args)


@pytest.mark.django_db
def test_stored_equals_fresh_for_the_demo():
    run("load_demo")
    run("compliance", "--refresh")
    assert_stored_equals_fresh(Network.objects.order_by("pk"))

    # `compliance --format json` reads the stored rows, and says what a fresh run says.
    year = timezone.localdate().year
    as_of = as_of_for_year(year, timezone.localdate())
    fresh = verdicts_document(evaluate(Network.objects.order_by("slug"), as_of), year, as_of)
    assert json.loads(run("compliance", "--format", "json")) == fresh


@pytest.mark.django_db
def test_stored_equals_fresh_for_a_mid_size_cooperation():
    bench_build(networks=120, people=2400)  # bulk_create: no history, so nothing is marked
    networks = Network.objects.order_by("pk")
    year = timezone.localdate().year
    assert stored.stale_ids(networks, year) == list(networks.values_list("pk", flat=True))

    run = stored.refresh_all(batch_size=50)
    assert run.networks == 120 and run.peak_rss_kb > 0
    assert_stored_equals_fresh(networks)
