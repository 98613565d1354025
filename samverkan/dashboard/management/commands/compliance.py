import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from samverkan.compliance.registry import as_of_for_year
from samverkan.compliance.selectors import evaluate, registered_rules, verdicts_document
from samverkan.networks.models import Network


class Command(BaseCommand):
    help = "Prints every network's compliance verdicts for a year, from the rule registry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--network", help="only this network (slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = as_of_for_year(options["year"], timezone.localdate())
        networks = Network.objects.order_by("slug")
        if options["network"]:
            networks = networks.filter(slug=options["network"])
        results = evaluate(networks, as_of)
        if options["format"] == "json":
            doc = verdicts_document(results, options["year"], as_of)
            self.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2))
            return
        rule_ids = [r.id for r in registered_rules()]
        width = max([len(r.network.slug) for r in results] + [7])
        self.stdout.write("network".ljust(width) + "  " + "  ".join(i.ljust(8) for i in rule_ids))
        for r in results:
            cells = "  ".join(r.verdicts[i].status.value[:8].ljust(8) for i in rule_ids)
            self.stdout.write(r.network.slug.ljust(width) + "  " + cells)
