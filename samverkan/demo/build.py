"""The demo data: Familjen Helsingborg with its development plans, the eleven municipalities,
Socialchefsnätverket from seed 003 and about forty invented networks whose compliance varies on
purpose, so that the secretariat's dashboard shows every verdict (issue 7, item 8).

Everything is written in one transaction under `acting(None, "load_demo")`, so the history
records the verb. The data are deterministic (a fixed random seed) and dated relative to
today: plans for last year, this year and some for next year."""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from samverkan.cooperation.models import (
    Area,
    Cooperation,
    DevelopmentArea,
    DevelopmentPlan,
    ManagementContact,
    Municipality,
    Organisation,
)
from samverkan.cooperation.population import SHIPPED_CSV
from samverkan.cooperation.services import import_population
from samverkan.demo import data
from samverkan.history.context import acting
from samverkan.networks.models import Membership, Network, Participation, YearPlan
from samverkan.networks.services import refresh_search_text, unique_slug
from samverkan.people.models import Person, User

PASSWORD = "samverkan-demo"
SEED = 20260101

# (e-mail, what the login shows). The first is the marker that the demo data are loaded.
LOGINS = [
    ("sekretariatet@demo.se", "sekretariatet: alla nätverk, instrumentpanelen och admin"),
    ("samordnare@demo.se", "samordnare i Socialchefsnätverket"),
    ("medlem@demo.se", "medlem i Socialchefsnätverket"),
    ("lasare@demo.se", "läsare, inte med i något nätverk"),
    ("socialchef.helsingborg@demo.se", "förvaltningsledning socialtjänst, Helsingborg"),
    ("socialchef.landskrona@demo.se", "förvaltningsledning socialtjänst, Landskrona"),
]


@dataclass
class DemoResult:
    loaded: bool
    networks: int = 0
    people: int = 0
    seconds: float = 0.0
    logins: list[tuple[str, str]] = field(default_factory=lambda: list(LOGINS))


def demo_loaded() -> bool:
    return (
        Cooperation.objects.filter(name=data.COOPERATION_NAME).exists()
        and User.objects.filter(email=LOGINS[0][0]).exists()
    )


def database_has_other_data() -> bool:
    """Demo data go into an empty database only; never mix them with a real catalogue."""
    return Network.objects.exists() or Person.objects.exists()


def load_demo(today: datetime.date | None = None) -> DemoResult:
    """Load the demo data unless they are there already (then nothing is written)."""
    if demo_loaded():
        return DemoResult(loaded=False)
    started = timezone.now()
    with transaction.atomic(), acting(None, "load_demo"):
        builder = DemoBuilder(today or timezone.localdate())
        builder.build()
    return DemoResult(
        loaded=True,
        networks=Network.objects.count(),
        people=Person.objects.count(),
        seconds=(timezone.now() - started).total_seconds(),
    )


class DemoBuilder:
    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.year = today.year
        self.rng = random.Random(SEED)
        self.emails: set[str] = set()
        self.areas: dict[str, Area] = {}
        self.dev_areas: dict[str, DevelopmentArea] = {}
        self.munis: dict[str, Municipality] = {}
        self.region: Organisation | None = None
        self.password_hash: str | None = None

    # ---- the cooperation --------------------------------------------------------------------

    def build(self) -> None:
        self.cooperation()
        import_population(None, SHIPPED_CSV)
        self.munis = {m.name: m for m in Municipality.objects.all()}
        self.region = Organisation.objects.create(
            name="Region Skåne", slug="region-skane", is_region=True
        )
        self.areas = {
            name: Area.objects.create(name=name, slug=slugify(name)) for name in data.AREAS
        }
        self.accounts()
        self.management()
        self.socialchef_network()
        for spec in data.NETWORKS:
            self.network(spec)
        from samverkan.demo import agreements as agreements_demo

        agreements_demo.load(self.today)
        from samverkan.demo import meetings as meetings_demo

        meetings_demo.load(self.today)
        from samverkan.demo import reports as reports_demo

        reports_demo.load(self.today)

    def cooperation(self) -> None:
        coop = Cooperation.objects.order_by("pk").first() or Cooperation()
        coop.name = data.COOPERATION_NAME
        coop.short_name = "FH"
        coop.purpose = data.PURPOSE
        coop.agreement_text = data.AGREEMENT_TEXT
        coop.primary_colour = "#00476b"
        coop.accent_colour = "#b0123a"
        coop.graphic_manual_url = "https://www.example.org/familjen-helsingborg/grafisk-manual"
        coop.secretariat_email = "sekretariatet@familjenhelsingborg.example.se"
        coop.publish_catalogue = False
        coop.save()
        self.development_plan(coop, "Utvecklingsplan", 2020, 2023, current=False)
        # Invented for the demo: a successor plan with the same vision and areas, so that N2
        # (the current development plan's areas) applies this year.
        end = max(2027, self.year)
        self.development_plan(coop, f"Utvecklingsplan 2024–{end}", 2024, end, current=True)

    def development_plan(
        self, coop: Cooperation, title: str, start: int, end: int, *, current: bool
    ) -> None:
        plan = DevelopmentPlan.objects.create(
            cooperation=coop,
            title=title,
            start_year=start,
            end_year=end,
            vision=data.VISION,
            business_idea=data.BUSINESS_IDEA,
        )
        for order, (name, description, goal) in enumerate(data.DEVELOPMENT_AREAS):
            area = DevelopmentArea.objects.create(
                plan=plan,
                name=name,
                slug=slugify(name),
                description=description,
                goal=goal,
                order=order,
            )
            if current:
                self.dev_areas[name] = area

    # ---- people -----------------------------------------------------------------------------

    def email_for(self, name: str, domain: str) -> str:
        local = ".".join(slugify(part) for part in name.split())
        email, n = f"{local}@{domain}", 2
        while email in self.emails:
            email, n = f"{local}{n}@{domain}", n + 1
        self.emails.add(email)
        return email

    def phone_for(self, muni: Municipality | None) -> str:
        prefix = data.PHONE_PREFIX.get(muni.name, "040") if muni else "040"
        digits = f"{self.rng.randint(100000, 999999)}"
        return f"{prefix}-{digits[:2]} {digits[2:4]} {digits[4:]}"

    def confirmed(self, *, stale: bool = False) -> datetime.date:
        days = self.rng.randint(400, 800) if stale else self.rng.randint(5, 320)
        return self.today - datetime.timedelta(days=days)

    def person(
        self,
        title: str,
        muni: Municipality | None,
        *,
        unit: str = "",
        name: str | None = None,
        email: str | None = None,
        stale: bool = False,
        organisation: Organisation | None = None,
    ) -> Person:
        name = name or f"{self.rng.choice(data.FIRST_NAMES)} {self.rng.choice(data.LAST_NAMES)}"
        if email is None:
            domain = f"{slugify(muni.name)}.example.se" if muni else "skane.example.se"
            email = self.email_for(name, domain)
        return Person.objects.create(
            name=name,
            title=title,
            municipality=muni,
            organisation=organisation,
            unit=unit,
            email=email,
            phone=self.phone_for(muni),
            contact_confirmed_on=self.confirmed(stale=stale),
        )

    def account(self, person: Person, *, staff: bool = False) -> None:
        # One Argon2 hash for every demo login: hashing costs about a second each under load.
        if self.password_hash is None:
            self.password_hash = make_password(PASSWORD)
        user = User.objects.create_user(
            person.email,
            None,
            first_name=person.name.split()[0],
            is_staff=staff,
            is_superuser=staff,
        )
        user.password = self.password_hash
        user.save(update_fields=["password"])
        person.user = user
        person.save(update_fields=["user"])

    def accounts(self) -> None:
        munis = self.munis
        secretariat = self.person(
            "Utvecklingsstrateg, sekretariatet för Familjen Helsingborg",
            munis["Helsingborg"],
            name="Sofia Ekström",
            email=LOGINS[0][0],
            unit="Sekretariatet",
        )
        secretariat.is_secretariat = True
        secretariat.save(update_fields=["is_secretariat"])
        # The secretariat repairs data in the admin too (is_staff; superuser for its permissions).
        self.account(secretariat, staff=True)
        self.coordinator = self.person(
            "Socialchef",
            munis["Ängelholm"],
            name="Karin Lindqvist",
            email=LOGINS[1][0],
            unit="Socialförvaltningen",
        )
        self.member = self.person(
            "Socialchef",
            munis["Klippan"],
            name="Jonas Bergström",
            email=LOGINS[2][0],
            unit="Socialförvaltningen",
        )
        reader = self.person(
            "Handläggare",
            munis["Bjuv"],
            name="Leila Hassan",
            email=LOGINS[3][0],
            unit="Kommunledningsförvaltningen",
        )
        for person in (self.coordinator, self.member, reader):
            self.account(person)

    def management(self) -> None:
        """Förvaltningsledning per municipality for a few areas (S2, C1 consult them)."""
        logins = {"Helsingborg": LOGINS[4], "Landskrona": LOGINS[5]}
        for area_name, title, unit in data.MANAGEMENT:
            for muni in self.munis.values():
                login = logins.get(muni.name) if area_name == "Socialtjänst" else None
                person = self.person(
                    "Socialdirektör" if login and muni.name == "Helsingborg" else title,
                    muni,
                    unit=unit,
                    email=login[0] if login else None,
                )
                if login:
                    self.account(person)
                ManagementContact.objects.create(
                    municipality=muni, area=self.areas[area_name], person=person
                )

    # ---- networks ---------------------------------------------------------------------------

    def join(self, network: Network, munis: list[Municipality], on: datetime.date) -> None:
        for muni in munis:
            Participation.objects.create(
                network=network,
                municipality=muni,
                invited_on=on - datetime.timedelta(days=60),
                answer=Participation.Answer.YES,
                answered_on=on - datetime.timedelta(days=30),
                consulted_on=on - datetime.timedelta(days=40),
                joined_on=on,
            )

    def role(
        self,
        network: Network,
        person: Person,
        role: str,
        start: datetime.date,
        end: datetime.date | None = None,
    ) -> Membership:
        return Membership.objects.create(
            network=network,
            person=person,
            municipality=person.municipality,
            role=role,
            start_on=start,
            end_on=end,
        )

    def plan(
        self,
        network: Network,
        year: int,
        *,
        purpose: str,
        goals: str,
        meetings: str,
        contribution: str,
        areas: list[str],
        adopted_by: Person | None,
    ) -> YearPlan:
        """adopted_by None leaves the plan a draft."""
        adopted_on = None
        if adopted_by is not None:
            adopted_on = min(
                datetime.date(year - 1, self.rng.choice([11, 12]), self.rng.randint(1, 20)),
                self.today,
            )
        plan = YearPlan.objects.create(
            network=network,
            year=year,
            purpose=purpose,
            goals=goals,
            meeting_organisation=meetings,
            contribution=contribution,
            state=YearPlan.State.ADOPTED if adopted_by else YearPlan.State.DRAFT,
            adopted_on=adopted_on,
            adopted_by=adopted_by,
        )
        plan.development_areas.set([self.dev_areas[a] for a in areas])
        return plan

    def socialchef_network(self) -> None:
        """Seed 003: all eleven, one socialchef each, a planeringsledare as secretary."""
        start = datetime.date(2015, 1, 1)
        network = Network.objects.create(
            name="Socialchefsnätverket",
            slug=unique_slug("Socialchefsnätverket"),
            area=self.areas["Socialtjänst"],
            status=Network.Status.ACTIVE,
            description=data.SOCIALCHEF_DESCRIPTION,
            started_on=start,
        )
        self.join(network, list(self.munis.values()), start)
        since = datetime.date(self.year - 2, 1, 1)
        members = {"Ängelholm": self.coordinator, "Klippan": self.member}
        for muni in self.munis.values():
            person = members.get(muni.name) or self.person(
                "Socialchef", muni, unit="Socialförvaltningen"
            )
            self.role(network, person, Membership.Role.MEMBER, since)
            if muni.name == "Båstad":
                self.role(network, person, Membership.Role.ONBOARDING, since)
        self.role(network, self.coordinator, Membership.Role.COORDINATOR, since)
        secretary = self.person(
            "Planeringsledare", self.munis["Helsingborg"], unit="Socialförvaltningen"
        )
        self.role(network, secretary, Membership.Role.SECRETARY, since)
        for offset, adopted in ((-1, True), (0, True), (1, False)):
            goals = data.SOCIALCHEF_GOALS[offset]
            self.plan(
                network,
                self.year + offset,
                purpose=data.SOCIALCHEF_PURPOSE,
                goals="Frågeområden för året:\n" + "\n".join(f"– {g}" for g in goals),
                meetings=data.SOCIALCHEF_MEETINGS,
                contribution=data.SOCIALCHEF_CONTRIBUTION,
                areas=["Livskvalitet"],
                adopted_by=self.coordinator if adopted else None,
            )
        refresh_search_text(network)

    def network(self, spec: data.DemoNetwork) -> None:
        flags = set(spec.flags.split())
        status = next(
            (s for s in ("proposed", "starting", "closed") if s in flags), Network.Status.ACTIVE
        )
        rng = self.rng
        started = datetime.date(rng.randint(2008, self.year - 3), rng.randint(1, 12), 1)
        network = Network.objects.create(
            name=spec.name,
            slug=unique_slug(spec.name),
            area=self.areas[spec.area],
            status=status,
            description=spec.purpose,
            started_on=started if status in ("active", "closed") else None,
        )
        munis = self.participants()
        if status == Network.Status.PROPOSED:
            self.proposed(network, spec, munis)
        elif status == Network.Status.STARTING:
            self.starting(network, spec, munis)
        else:
            self.running(network, spec, munis, started, flags)
        refresh_search_text(network)

    def participants(self) -> list[Municipality]:
        names = list(self.munis)
        count = self.rng.choice([6, 7, 8, 8, 9, 10, 11, 11])
        chosen = set(self.rng.sample(names, count))
        if self.rng.random() < 0.8:
            chosen.add("Helsingborg")
        return [self.munis[n] for n in names if n in chosen]

    def texts(self, spec: data.DemoNetwork) -> dict[str, str]:
        rng = self.rng
        goals = rng.sample(data.GOAL_TEMPLATES, 3)
        return {
            "purpose": spec.purpose,
            "goals": "\n".join(f"– {g.format(topic=spec.topic)}" for g in goals),
            "meetings": rng.choice(data.MEETING_TEMPLATES).format(n=rng.choice([4, 5, 6, 8])),
            "contribution": rng.choice(data.CONTRIBUTION_TEMPLATES).format(topic=spec.topic),
        }

    def dev_areas_for(self, spec: data.DemoNetwork) -> list[str]:
        options = data.AREA_DEVELOPMENT[spec.area]
        return options[: self.rng.randint(1, len(options))]

    def members(
        self,
        network: Network,
        spec: data.DemoNetwork,
        munis: list[Municipality],
        since: datetime.date,
        *,
        stale: int = 0,
        end: datetime.date | None = None,
    ) -> list[Person]:
        people = []
        for i, muni in enumerate(munis):
            person = self.person(spec.title, muni, stale=i < stale)
            start = since + datetime.timedelta(days=self.rng.randint(0, 300))
            self.role(network, person, Membership.Role.MEMBER, min(start, self.today), end)
            people.append(person)
        return people

    def running(
        self,
        network: Network,
        spec: data.DemoNetwork,
        munis: list[Municipality],
        started: datetime.date,
        flags: set[str],
    ) -> None:
        """An active or closed network with members, a coordinator and its plans."""
        rng = self.rng
        closed_on = None
        if "closed" in flags:
            closed_on = datetime.date(self.year - 1, 6, 30)
            network.closed_on = closed_on
            network.close_reason = data.CLOSE_REASON
            network.save(update_fields=["closed_on", "close_reason"])
        self.join(network, munis, started)
        since = max(started, datetime.date(self.year - 4, 1, 1))
        people = self.members(
            network,
            spec,
            munis,
            since,
            stale=rng.randint(2, 3) if "stale" in flags else 0,
            end=closed_on,
        )
        if "noemail" in flags:
            people[-1].email = ""
            people[-1].save(update_fields=["email"])
        if "region" in flags and self.region is not None:
            guest = self.person(
                "Regional utvecklare", None, organisation=self.region, unit="Regional utveckling"
            )
            self.role(network, guest, Membership.Role.MEMBER, since, closed_on)
        coordinator = rng.choice(people)
        coordinator_from = datetime.date(self.year - 2, 1, 1)
        if "nocoord" in flags:
            # The coordinator left a few months ago and nobody has taken over (N4).
            left = self.today - datetime.timedelta(days=rng.randint(60, 150))
            self.role(network, coordinator, Membership.Role.COORDINATOR, coordinator_from, left)
        else:
            self.role(
                network, coordinator, Membership.Role.COORDINATOR, coordinator_from, closed_on
            )
            if rng.random() < 0.3:
                other = rng.choice([p for p in people if p != coordinator])
                self.role(network, other, Membership.Role.SECRETARY, coordinator_from, closed_on)
        self.running_plans(network, spec, flags, coordinator)

    def running_plans(
        self, network: Network, spec: data.DemoNetwork, flags: set[str], coordinator: Person
    ) -> None:
        areas = self.dev_areas_for(spec)
        last = self.year - 1
        self.plan(network, last, **self.texts(spec), areas=areas, adopted_by=coordinator)
        if "closed" in flags or "noplan" in flags:
            return
        texts = self.texts(spec)
        if "nocontrib" in flags:
            texts["contribution"] = ""
        self.plan(
            network,
            self.year,
            **texts,
            areas=[] if "noareas" in flags else areas,
            adopted_by=None if "draft" in flags else coordinator,
        )
        if "next" in flags:
            self.plan(
                network, self.year + 1, **self.texts(spec), areas=areas, adopted_by=coordinator
            )
        elif "draft" not in flags and self.rng.random() < 0.4:
            self.plan(network, self.year + 1, **self.texts(spec), areas=areas, adopted_by=None)

    def proposed(self, network: Network, spec: data.DemoNetwork, munis: list[Municipality]) -> None:
        """A proposal: all eleven invited (S1), some have answered."""
        proposed_on = self.today - datetime.timedelta(days=40)
        network.proposed_on = proposed_on
        network.proposal_reason = data.PROPOSAL_REASON
        network.save(update_fields=["proposed_on", "proposal_reason"])
        yes = {m.name for m in munis[:4]}
        for i, muni in enumerate(self.munis.values()):
            answered = muni.name in yes or i % 4 == 0
            Participation.objects.create(
                network=network,
                municipality=muni,
                invited_on=proposed_on,
                answer=(
                    Participation.Answer.YES
                    if muni.name in yes
                    else Participation.Answer.NO
                    if answered
                    else ""
                ),
                answered_on=proposed_on + datetime.timedelta(days=10 + i) if answered else None,
            )

    def starting(self, network: Network, spec: data.DemoNetwork, munis: list[Municipality]) -> None:
        """Starting up: a majority said yes, management consulted, a draft plan (S1–S3)."""
        proposed_on = self.today - datetime.timedelta(days=150)
        joined_on = self.today - datetime.timedelta(days=45)
        network.proposed_on = proposed_on
        network.proposal_reason = spec.purpose
        network.save(update_fields=["proposed_on", "proposal_reason"])
        self.join(network, munis, joined_on)
        people = self.members(network, spec, munis, joined_on)
        self.role(network, people[0], Membership.Role.COORDINATOR, joined_on)
        self.plan(
            network,
            self.year + 1,
            **self.texts(spec),
            areas=self.dev_areas_for(spec),
            adopted_by=None,
        )


def describe(result: DemoResult) -> list[str]:
    lines = []
    if result.loaded:
        lines.append(
            f"Demodata inlästa: {result.networks} nätverk, {result.people} personer "
            f"({result.seconds:.1f} s)."
        )
    else:
        lines.append("Demodata finns redan; ingenting har ändrats.")
    lines.append(f"Demo-inloggningar (lösenord: {PASSWORD}):")
    width = max(len(email) for email, _ in result.logins)
    lines += [f"  {email.ljust(width)}  {what}" for email, what in result.logins]
    return lines
