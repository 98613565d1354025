"""The demo data: Familjen Helsingborg with its development plans, the eleven municipalities,
Socialchefsnätverket from seed 003 with its agreement, meetings and costs, about forty invented
networks whose compliance varies on purpose, and a survey round (issue 7, item 8).

The demo is built through the services, as its people would build it, with the secretariat's
demo login acting: the history records each service's verb and who acted, the notices are made
as they would be, and the services' rules hold for the demo as for anyone. The few writes no
service can express are in direct.py, with their reasons. The notices are stored for the inbox
but never e-mailed (`inbox_only`): they tell of invented events, to invented addresses.

Everything is written in one transaction; the data are deterministic (fixed random seeds) and
dated relative to today: plans for last year, this year and some for next year."""

import datetime
import random
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from samverkan.accounts.activation.services import invite_everyone
from samverkan.cooperation.models import Cooperation, Municipality
from samverkan.cooperation.population import SHIPPED_CSV
from samverkan.cooperation.services import import_population
from samverkan.demo import agreements, costs, data, direct, meetings, surveys
from samverkan.demo.data import LOGINS, PASSWORD
from samverkan.demo.networks import Networks
from samverkan.demo.people import People, secretariat
from samverkan.history.context import acting
from samverkan.networks.models import Network
from samverkan.notifications.services import inbox_only
from samverkan.people.models import Person, User

SEED = 20260101


@dataclass
class DemoResult:
    loaded: bool
    networks: int = 0
    people: int = 0
    seconds: float = 0.0
    invited: int = 0
    logins: list[tuple[str, str]] = field(default_factory=lambda: list(LOGINS))


def demo_loaded() -> bool:
    return (
        Cooperation.objects.filter(name=data.COOPERATION_NAME).exists()
        and User.objects.filter(email=LOGINS[0][0]).exists()
    )


def database_has_other_data() -> bool:
    """Demo data go into an empty database only; never mix them with a real catalogue."""
    return Network.objects.exists() or Person.objects.exists()


def load_demo(today: datetime.date | None = None, *, invite: bool = True) -> DemoResult:
    """Load the demo data unless they are there already (then nothing is written).

    With `invite`, everyone the demo names who cannot sign in is then sent an activation
    e-mail (issue 12): not inside `inbox_only`, since the accounts are real in this instance,
    so the e-mails are printed by the worker (`make run` writes them to var/worker.log)."""
    if demo_loaded():
        return DemoResult(loaded=False)
    started = time.perf_counter()
    with transaction.atomic(), acting(None, "load_demo"), inbox_only():
        build(today or timezone.localdate())
    invited = 0
    if invite:
        with transaction.atomic():
            invited = invite_everyone(actor=secretariat())
    return DemoResult(
        loaded=True,
        networks=Network.objects.count(),
        people=Person.objects.count(),
        seconds=time.perf_counter() - started,
        invited=invited,
    )


def build(today: datetime.date) -> None:
    areas, development_areas, region = direct.cooperation(today.year)
    # As `manage.py import_population` does when an instance is set up: the system imports
    # SCB's figures, and with them the municipalities.
    import_population(None, SHIPPED_CSV)
    munis = {m.name: m for m in Municipality.objects.order_by("name")}
    accounts = direct.Accounts()
    email, _what = LOGINS[0]
    first = direct.first_person(
        name="Sofia Ekström",
        email=email,
        title="Utvecklingsstrateg, sekretariatet för Familjen Helsingborg",
        unit="Sekretariatet",
        municipality=munis["Helsingborg"],
    )
    actor = accounts.add(first, staff=True)
    # From here on the secretariat acts; what direct.py writes is recorded as its load_demo.
    with acting(actor, "load_demo"):
        people = People(actor, random.Random(SEED), today)
        people.confirm(first, unit=first.unit)
        Networks(
            actor=actor,
            today=today,
            rng=people.rng,
            people=people,
            accounts=accounts,
            municipalities=munis,
            areas=areas,
            development_areas=development_areas,
            region=region,
        ).build()
        # In this order: the agreement's parameters and chairs shape the meetings and the cost
        # sharing; the survey round asks every network's members.
        agreements.load(today, actor)
        meetings.load(today, actor)
        costs.load(today, actor)
        surveys.load(today, actor)


def describe(result: DemoResult) -> list[str]:
    lines = []
    if result.loaded:
        lines.append(
            f"Demodata inlästa: {result.networks} nätverk, {result.people} personer "
            f"({result.seconds:.1f} s)."
        )
        if result.invited:
            lines.append(
                f"Aktiveringsmejl skickade till {result.invited} personer som ännu inte kan "
                "logga in (arbetaren skriver ut dem)."
            )
    else:
        lines.append("Demodata finns redan; ingenting har ändrats.")
    lines.append(f"Demo-inloggningar (lösenord: {PASSWORD}):")
    width = max(len(email) for email, _ in result.logins)
    lines += [f"  {email.ljust(width)}  {what}" for email, what in result.logins]
    return lines
