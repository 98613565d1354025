import datetime
import json
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.compliance import stored
from samverkan.compliance.registry import as_of_for_year
from samverkan.compliance.selectors import (
    AnyVerdicts,
    evaluate,
    registered_rules,
    verdicts_document,
)
from samverkan.networks.models import Network


class Command(BaseCommand):
    help = (
        "Prints every network's compliance verdicts for a year, as stored (fresh with "
        "--as-of), or refreshes every stored verdict (--refresh)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--network", help="only this network (slug)")
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            help="compute fresh for this day (YYYY-MM-DD) instead of reading the stored rows",
        )
        parser.add_argument(
            "--refresh", action="store_true", help="re-evaluate and store every network"
        )
        parser.add_argument("--batch-size", type=int, help="networks per batch (--refresh)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["refresh"]:
            self.refresh(options["batch_size"])
            return
        today = timezone.localdate()
        year = options["year"]
        networks = Network.objects.order_by("slug")
        if options["network"]:
            networks = networks.filter(slug=options["network"])
        results: list[AnyVerdicts]
        if options["as_of"] or year not in stored.stored_years(today):
            as_of = options["as_of"] or as_of_for_year(year, today)
            year = as_of.year if options["as_of"] else year
            results = evaluate(networks, as_of)
        else:
            # An operator's command is exact: whatever is stale is evaluated now, not shown
            # as being updated.
            stored.refresh_stale(networks, year, today=today, limit=-1)
            rows = stored.stored_verdicts(networks.select_related("area"), year, today=today)
            as_of = min((r.as_of for r in rows if r.as_of), default=as_of_for_year(year, today))
            results = list(rows)
        if options["format"] == "json":
            doc = verdicts_document(results, year, as_of)
            self.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2))
            return
        rule_ids = [r.id for r in registered_rules()]
        width = max([len(r.network.slug) for r in results] + [7])
        self.stdout.write("network".ljust(width) + "  " + "  ".join(i.ljust(8) for i in rule_ids))
        for r in results:
            cells = "  ".join(
                (r.verdicts[i].status.value[:8] if i in r.verdicts else "-").ljust(8)
                for i in rule_ids
            )
            self.stdout.write(r.network.slug.ljust(width) + "  " + cells)

    def refresh(self, batch_size: int | None) -> None:
        started = time.monotonic()
        run = stored.refresh_all(batch_size=batch_size)
        self.stdout.write(
            _(
                "Beräknade om %(n)d nätverk på %(s).1f s (högsta minne %(mb).0f MB, "
                "lagrade år %(first)d–%(last)d)."
            )
            % {
                "n": run.networks,
                "s": time.monotonic() - started,
                "mb": run.peak_rss_kb / 1024,
                "first": stored.stored_years(timezone.localdate()).start,
                "last": stored.stored_years(timezone.localdate()).stop - 1,
            }
        )
