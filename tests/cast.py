"""A fixed cast of test people (STYLE habit 8), used by every test module through conftest.

anonymous    nobody signed in
reader       signed in, works in a member municipality, in no network
member       a member of `network`
secretary    the secretary of `network`
coordinator  the coordinator of `network`
secretariat  the cooperation's secretariat
outsider     the coordinator of `other_network`, nothing in `network`
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from samverkan.cooperation.models import (
    Area,
    Cooperation,
    DevelopmentArea,
    DevelopmentPlan,
    Municipality,
    PopulationFigure,
)
from samverkan.networks.models import Membership, Network, Participation
from samverkan.people.models import Person, User

PASSWORD = "Samverkan-test-2026!"

# The eleven of ../shared/data/municipalities.csv (2022-12-31 figures).
MUNICIPALITIES = [
    ("1214", "Svalöv", 14466),
    ("1257", "Örkelljunga", 10455),
    ("1260", "Bjuv", 16062),
    ("1275", "Perstorp", 7442),
    ("1276", "Klippan", 17865),
    ("1277", "Åstorp", 16341),
    ("1278", "Båstad", 15824),
    ("1282", "Landskrona", 47004),
    ("1283", "Helsingborg", 150975),
    ("1284", "Höganäs", 28103),
    ("1292", "Ängelholm", 44268),
]

START = datetime.date(2020, 1, 1)


@dataclass
class Cast:
    cooperation: Cooperation
    municipalities: dict[str, Municipality]
    area: Area
    development_plan: DevelopmentPlan
    development_areas: list[DevelopmentArea]
    network: Network
    other_network: Network
    users: dict[str, Any]
    people: dict[str, Person]

    def user(self, name: str) -> Any:
        return self.users[name]

    def muni(self, name: str) -> Municipality:
        return self.municipalities[name]


def make_person(
    name: str,
    municipality: Municipality,
    *,
    secretariat: bool = False,
    email: str | None = None,
    account: bool = True,
) -> Person:
    table: dict[str, str | int | None] = {"å": "a", "ä": "a", "ö": "o", " ": "."}
    ascii_name = name.lower().translate(str.maketrans(table))
    email = email or f"{ascii_name}@example.se"
    user = User.objects.create_user(email, PASSWORD) if account else None
    return Person.objects.create(
        name=name,
        email=email,
        municipality=municipality,
        user=user,
        is_secretariat=secretariat,
        title="Testtitel",
        phone="042-10 00 00",
        contact_confirmed_on=datetime.date.today() - datetime.timedelta(days=30),
    )


def build_cast() -> Cast:
    coop = Cooperation.objects.create(
        name="Familjen Helsingborg",
        short_name="FH",
        publish_catalogue=False,
        secretariat_email="sekretariatet@example.se",
    )
    munis = {}
    for code, name, population in MUNICIPALITIES:
        m = Municipality.objects.create(
            code=code,
            name=name,
            slug=name.lower().replace("å", "a").replace("ä", "a").replace("ö", "o"),
            member_from=datetime.date(2000, 1, 1),
        )
        PopulationFigure.objects.create(
            municipality=m,
            date=datetime.date(2022, 12, 31),
            population=population,
            source="SCB",
        )
        munis[name] = m
    area = Area.objects.create(name="Socialtjänst", slug="socialtjanst")
    plan = DevelopmentPlan.objects.create(
        cooperation=coop,
        title="Utvecklingsplan",
        start_year=2020,
        end_year=2030,
        vision="Vision",
        business_idea="Verksamhetsidé",
    )
    dev_areas = [
        DevelopmentArea.objects.create(plan=plan, name=n, slug=n.lower(), order=i)
        for i, n in enumerate(["Livskvalitet", "Företagsamhet", "Infrastruktur", "Digitalisering"])
    ]
    network = Network.objects.create(
        name="Socialchefsnätverket",
        slug="socialchefsnatverket",
        area=area,
        status=Network.Status.ACTIVE,
        started_on=START,
        search_text="socialchefsnätverket socialtjänst",
    )
    other = Network.objects.create(
        name="IT-chefsnätverket",
        slug="it-chefsnatverket",
        area=area,
        status=Network.Status.ACTIVE,
        started_on=START,
        search_text="it-chefsnätverket",
    )
    for m in munis.values():
        Participation.objects.create(network=network, municipality=m, joined_on=START)
    Participation.objects.create(network=other, municipality=munis["Helsingborg"], joined_on=START)
    people = {
        "reader": make_person("Rita Läsare", munis["Bjuv"]),
        "member": make_person("Maja Medlem", munis["Klippan"]),
        "secretary": make_person("Sara Sekreterare", munis["Helsingborg"]),
        "coordinator": make_person("Kim Samordnare", munis["Landskrona"]),
        "secretariat": make_person("Selma Sekretariat", munis["Helsingborg"], secretariat=True),
        "outsider": make_person("Otto Utomstående", munis["Höganäs"]),
    }
    roles = [
        ("member", network, Membership.Role.MEMBER),
        ("secretary", network, Membership.Role.MEMBER),
        ("secretary", network, Membership.Role.SECRETARY),
        ("coordinator", network, Membership.Role.MEMBER),
        ("coordinator", network, Membership.Role.COORDINATOR),
        ("outsider", other, Membership.Role.COORDINATOR),
    ]
    for who, net, role in roles:
        Membership.objects.create(
            network=net,
            person=people[who],
            municipality=people[who].municipality,
            role=role,
            start_on=START,
        )
    users: dict[str, Any] = {"anonymous": AnonymousUser()}
    users.update({k: p.user for k, p in people.items()})
    return Cast(
        cooperation=coop,
        municipalities=munis,
        area=area,
        development_plan=plan,
        development_areas=dev_areas,
        network=network,
        other_network=other,
        users=users,
        people=people,
    )
