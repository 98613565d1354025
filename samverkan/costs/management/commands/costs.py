"""`manage.py costs allocate --network SLUG --date YYYY-MM-DD --amount-ore N --format json`:
shows how a cost would be allocated (PR2) without saving anything."""

import datetime
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samverkan.core.errors import ServiceError
from samverkan.costs.money import format_kronor
from samverkan.costs.selectors import plan_allocation
from samverkan.costs.services import check_amount, check_date
from samverkan.networks.models import Network


class Command(BaseCommand):
    help = "Kostnader: visa en fördelning (PR2) utan att spara."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        allocate = sub.add_parser("allocate", help="Visa hur en kostnad fördelas.")
        allocate.add_argument("--network", required=True, help="nätverkets slug")
        allocate.add_argument("--date", required=True, help="YYYY-MM-DD")
        allocate.add_argument("--amount-ore", required=True, help="belopp i hela öre")
        allocate.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        network = Network.objects.filter(slug=options["network"]).first()
        if network is None:
            raise CommandError(f"Nätverket {options['network']!r} finns inte.")
        try:
            day = datetime.date.fromisoformat(options["date"])
        except ValueError as exc:
            raise CommandError("Ange datumet som ÅÅÅÅ-MM-DD.") from exc
        raw = str(options["amount_ore"]).strip()
        amount: Any = int(raw) if raw.lstrip("-").isdigit() else raw
        try:
            check_amount(amount)
            check_date(network, day)
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        plan = plan_allocation(network, day, amount)
        if options["format"] == "json":
            self.stdout.write(json.dumps(plan.as_dict(), ensure_ascii=False))
            return
        self.stdout.write(f"{network.name} {day}: {format_kronor(amount)} ({plan.method})")
        for share in plan.shares:
            self.stdout.write(
                f"  {share.municipality.code} {share.municipality.name:<15} "
                f"{share.population or '':>8} {format_kronor(share.amount_ore):>18}"
            )
        for used in plan.figures_used:
            self.stdout.write(f"  Folkmängd per {used.date}: {used.citation}")
        if plan.problem:
            self.stdout.write(f"  {plan.problem}")
