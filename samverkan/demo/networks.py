"""The networks of the demo and the people in them: Socialchefsnätverket from seed 003 and about
forty invented networks whose compliance varies on purpose, so that the secretariat's dashboard
shows every verdict (issue 7, item 8; the flags are described at data.DemoNetwork).

Proposals and networks starting up go through the lifecycle: proposed, every municipality
invited through its management (S1), answers recorded by the secretariat (S2), members added.
Networks that ran before Samverkan are entered as they stood then, with their municipalities and
members (direct.running_network, direct.members); what happened since goes through the
services: coordinators and secretaries appointed, a coordinator leaving, year plans saved and
adopted together, a network closed. Socialchefsnätverket's people all go through the services."""

import datetime
import random
from typing import Any

from samverkan.cooperation.models import Area, DevelopmentArea, Municipality, Organisation
from samverkan.demo import data, direct, meetings
from samverkan.demo.people import People
from samverkan.networks.lifecycle.services import (
    add_management_contact,
    answer_invitation,
    close_network,
    propose_network,
)
from samverkan.networks.models import Membership, Network, Participation
from samverkan.networks.services import (
    add_membership,
    adopt_year_plan,
    end_membership,
    save_year_plan,
)
from samverkan.people.models import Person

Role = Membership.Role
YES, NO = Participation.Answer.YES, Participation.Answer.NO


class Networks:
    def __init__(
        self,
        *,
        actor: Any,
        today: datetime.date,
        rng: random.Random,
        people: People,
        accounts: direct.Accounts,
        municipalities: dict[str, Municipality],
        areas: dict[str, Area],
        development_areas: dict[str, DevelopmentArea],
        region: Organisation,
    ) -> None:
        self.actor = actor
        self.today = today
        self.year = today.year
        self.rng = rng
        self.people = people
        self.accounts = accounts
        self.munis = municipalities
        self.areas = areas
        self.dev_areas = development_areas
        self.region = region

    def build(self) -> None:
        self.logins()
        self.management()
        self.socialchef_network()
        for spec in data.NETWORKS:
            self.network(spec)

    # ---- people with a login, and the management of each municipality ------------------------

    def logins(self) -> None:
        munis, logins = self.munis, data.LOGINS
        self.coordinator = self.people.add(
            "Socialchef",
            munis["Ängelholm"],
            name="Karin Lindqvist",
            email=logins[1][0],
            unit="Socialförvaltningen",
        )
        self.member = self.people.add(
            "Socialchef",
            munis["Klippan"],
            name="Jonas Bergström",
            email=logins[2][0],
            unit="Socialförvaltningen",
        )
        reader = self.people.add(
            "Handläggare",
            munis["Bjuv"],
            name="Leila Hassan",
            email=logins[3][0],
            unit="Kommunledningsförvaltningen",
        )
        for person in (self.coordinator, self.member, reader):
            self.accounts.add(person)

    def management(self) -> None:
        """Förvaltningsledning per municipality for a few areas (S1 invites through them, S2 and
        C1 consult them), registered by the secretariat."""
        logins = {"Helsingborg": data.LOGINS[4][0], "Landskrona": data.LOGINS[5][0]}
        for area_names, title, unit in data.MANAGEMENT:
            for muni in self.munis.values():
                login = logins.get(muni.name) if "Socialtjänst" in area_names else None
                person = self.people.add(
                    "Socialdirektör" if login and muni.name == "Helsingborg" else title,
                    muni,
                    unit=unit,
                    email=login,
                )
                if login:
                    self.accounts.add(person)
                for area in area_names:
                    add_management_contact(
                        self.actor, muni, area=self.areas[area], email=person.email
                    )

    # ---- Socialchefsnätverket (seed 003) -------------------------------------------------------

    def socialchef_network(self) -> None:
        """All eleven since 2015, one socialchef each, a planeringsledare as secretary."""
        network = direct.running_network(
            name="Socialchefsnätverket",
            area=self.areas["Socialtjänst"],
            description=data.SOCIALCHEF_DESCRIPTION,
            started_on=datetime.date(2015, 1, 1),
            municipalities=self.munis.values(),
        )
        # Members since three years back: the chairs appointed in November that year are
        # members when they are appointed (agreements.py, CH2).
        since = datetime.date(self.year - 3, 1, 1)
        members = {"Ängelholm": self.coordinator, "Klippan": self.member}
        for muni in self.munis.values():
            person = members.get(muni.name) or self.people.add(
                "Socialchef", muni, unit="Socialförvaltningen"
            )
            self.role(network, person, Role.MEMBER, since)
            if muni.name == "Båstad":
                self.role(network, person, Role.ONBOARDING, since)
        self.role(network, self.coordinator, Role.COORDINATOR, since)
        secretary = self.people.add(
            "Planeringsledare", self.munis["Helsingborg"], unit="Socialförvaltningen"
        )
        self.role(network, secretary, Role.SECRETARY, since)
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
                adopt=adopted,
            )

    # ---- the invented networks -----------------------------------------------------------------

    def network(self, spec: data.DemoNetwork) -> None:
        flags = set(spec.flags.split())
        rng = self.rng
        started = datetime.date(rng.randint(2008, self.year - 3), rng.randint(1, 12), 1)
        munis = self.participants()
        if "proposed" in flags:
            self.proposed(spec, munis)
        elif "starting" in flags:
            self.starting(spec, munis)
        else:
            self.running(spec, munis, started, flags)

    def participants(self) -> list[Municipality]:
        names = list(self.munis)
        count = self.rng.choice([6, 7, 8, 8, 9, 10, 11, 11])
        chosen = set(self.rng.sample(names, count))
        if self.rng.random() < 0.8:
            chosen.add("Helsingborg")
        return [self.munis[n] for n in names if n in chosen]

    def proposed(self, spec: data.DemoNetwork, munis: list[Municipality]) -> None:
        """A proposal: all eleven invited (S1), some have answered, no majority yet."""
        proposed_on = self.today - datetime.timedelta(days=40)
        network = self.propose(spec, data.PROPOSAL_REASON, proposed_on)
        yes = {m.name for m in munis[:4]}
        for i, muni in enumerate(self.munis.values()):
            if muni.name in yes or i % 4 == 0:
                answer = YES if muni.name in yes else NO
                self.answer(network, muni, answer, proposed_on + datetime.timedelta(days=10 + i))

    def starting(self, spec: data.DemoNetwork, munis: list[Municipality]) -> None:
        """Starting up: a majority said yes with its management consulted (S1, S2), members and
        a coordinator, next year's plan a draft (S3 still missing)."""
        proposed_on = self.today - datetime.timedelta(days=150)
        since = self.today - datetime.timedelta(days=45)
        network = self.propose(spec, spec.purpose, proposed_on)
        taking_part = {m.pk for m in munis}
        for muni in self.munis.values():
            answer = YES if muni.pk in taking_part else NO
            self.answer(network, muni, answer, since - datetime.timedelta(days=30))
        people = self.members(network, spec, munis, since)
        self.role(network, people[0], Role.COORDINATOR, since)
        self.plan(
            network,
            self.year + 1,
            **self.texts(spec),
            areas=self.dev_areas_for(spec),
            adopt=False,
        )

    def running(
        self,
        spec: data.DemoNetwork,
        munis: list[Municipality],
        started: datetime.date,
        flags: set[str],
    ) -> None:
        """An active or closed network with members, a coordinator and its plans."""
        rng = self.rng
        network = direct.running_network(
            name=spec.name,
            area=self.areas[spec.area],
            description=spec.purpose,
            started_on=started,
            municipalities=munis,
        )
        since = max(started, datetime.date(self.year - 4, 1, 1))
        people = self.members(
            network,
            spec,
            munis,
            since,
            stale=rng.randint(2, 3) if "stale" in flags else 0,
            last_without_email="noemail" in flags,
        )
        if "region" in flags:
            guest = self.people.add("Regional utvecklare", None, unit="Regional utveckling")
            direct.set_organisation(guest, self.region)
            self.role(network, guest, Role.MEMBER, since)
        coordinator = rng.choice(people)
        coordinator_from = datetime.date(self.year - 2, 1, 1)
        coordinating = self.role(network, coordinator, Role.COORDINATOR, coordinator_from)
        if "nocoord" in flags:
            # The coordinator left a few months ago and nobody has taken over (N4).
            left = self.today - datetime.timedelta(days=rng.randint(60, 150))
            end_membership(self.actor, coordinating, end_on=left)
        elif rng.random() < 0.3:
            other = rng.choice([p for p in people if p != coordinator])
            self.role(network, other, Role.SECRETARY, coordinator_from)
        self.running_plans(network, spec, flags)
        if "closed" in flags:
            self.close(network)

    def running_plans(self, network: Network, spec: data.DemoNetwork, flags: set[str]) -> None:
        areas = self.dev_areas_for(spec)
        self.plan(network, self.year - 1, **self.texts(spec), areas=areas, adopt=True)
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
            adopt="draft" not in flags,
        )
        if "next" in flags:
            self.plan(network, self.year + 1, **self.texts(spec), areas=areas, adopt=True)
        elif "draft" not in flags and self.rng.random() < 0.4:
            self.plan(network, self.year + 1, **self.texts(spec), areas=areas, adopt=False)

    def close(self, network: Network) -> None:
        """Closed in June last year: everybody left then, and the network was closed (C1)."""
        closed_on = datetime.date(self.year - 1, 6, 30)
        meetings.closed_network_meetings(self.actor, network, self.year - 1)
        current = network.memberships.filter(end_on__isnull=True).select_related("network")
        for membership in current.order_by("pk"):
            end_membership(self.actor, membership, end_on=closed_on)
        close_network(self.actor, network, reason=data.CLOSE_REASON, today=closed_on)

    # ---- one step each, through the services ---------------------------------------------------

    def propose(self, spec: data.DemoNetwork, reason: str, day: datetime.date) -> Network:
        network = propose_network(
            self.actor, name=spec.name, area=self.areas[spec.area], reason=reason, today=day
        )
        direct.describe(network, spec.purpose)
        return network

    def answer(self, network: Network, muni: Municipality, answer: str, day: datetime.date) -> None:
        """The municipality's management answered; the secretariat records it (S1, S2)."""
        participation = network.participations.select_related("municipality", "network").get(
            municipality=muni
        )
        answer_invitation(self.actor, participation, answer=answer, today=day)

    def role(self, network: Network, person: Person, role: str, start: datetime.date) -> Membership:
        return add_membership(self.actor, network, person=person, role=role, start_on=start)

    def members(
        self,
        network: Network,
        spec: data.DemoNetwork,
        munis: list[Municipality],
        since: datetime.date,
        *,
        stale: int = 0,
        last_without_email: bool = False,
    ) -> list[Person]:
        """One member per municipality, each joining within a year of `since`. A network that
        ran before Samverkan gets its members as they were (direct.members); the members of a
        network starting up now are registered and added through the services."""
        people, starts = [], []
        for i, muni in enumerate(munis):
            person = self.people.unsaved(
                spec.title,
                muni,
                stale=i < stale,
                without_email=last_without_email and i == len(munis) - 1,
            )
            start = since + datetime.timedelta(days=self.rng.randint(0, 300))
            people.append(person)
            starts.append(min(start, self.today))
        if network.status == Network.Status.ACTIVE:
            return direct.members(network, people, starts)
        registered = [self.people.register(person) for person in people]
        for person, start in zip(registered, starts, strict=True):
            self.role(network, person, Role.MEMBER, start)
        return registered

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
        adopt: bool,
    ) -> None:
        """The network's plan for a year, adopted together in November or December before it
        (N3), or left a draft."""
        plan = save_year_plan(
            self.actor,
            network,
            year=year,
            purpose=purpose,
            goals=goals,
            meeting_organisation=meetings,
            contribution=contribution,
            development_areas=[self.dev_areas[a] for a in areas],
        )
        if adopt:
            adopted_on = min(
                datetime.date(year - 1, self.rng.choice([11, 12]), self.rng.randint(1, 20)),
                self.today,
            )
            adopt_year_plan(self.actor, plan, today=adopted_on)

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
