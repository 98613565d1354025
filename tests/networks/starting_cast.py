"""A proposal in progress on top of the cast: a management contact (förvaltningsledning) for
the cast's area in each of the eleven municipalities; two of them can sign in."""

import datetime
from dataclasses import dataclass

from samverkan.cooperation.models import ManagementContact
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.models import Network, Participation
from samverkan.networks.services import add_membership, adopt_year_plan, save_year_plan
from samverkan.people.models import Person
from tests.cast import Cast, make_person

DAY = datetime.date(2026, 3, 2)


@dataclass
class Proposal:
    cast: Cast
    network: Network
    contacts: dict[str, Person]

    def participation(self, municipality: str) -> Participation:
        return Participation.objects.get(
            network=self.network, municipality=self.cast.muni(municipality)
        )

    def answer(self, municipalities, answer: str = "yes", day: datetime.date = DAY) -> None:
        secretariat = self.cast.user("secretariat")
        for name in municipalities:
            lifecycle.answer_invitation(
                secretariat, self.participation(name), answer=answer, today=day
            )

    def make_ready(self, *, yes: int = 6, adopt: bool = True, coordinator: bool = True) -> None:
        """Everything S1-S4 ask for, on DAY."""
        self.answer(list(self.cast.municipalities)[:yes])
        secretariat = self.cast.user("secretariat")
        plan = save_year_plan(
            secretariat,
            self.network,
            year=DAY.year,
            purpose="Syfte",
            goals="Mål",
            meeting_organisation="Sex möten om året",
            contribution="Bidrag",
        )
        if adopt:
            adopt_year_plan(secretariat, plan, today=DAY)
        if coordinator:
            add_membership(
                secretariat,
                self.network,
                person=self.cast.people["reader"],
                role="coordinator",
                start_on=DAY,
            )


def add_contacts(cast: Cast, *, skip: tuple[str, ...] = ()) -> dict[str, Person]:
    contacts = {}
    for name, municipality in cast.municipalities.items():
        if name in skip:
            continue
        account = name in ("Bjuv", "Klippan")
        person = make_person(f"Ledning {name}", municipality, account=account)
        ManagementContact.objects.create(municipality=municipality, area=cast.area, person=person)
        contacts[name] = person
    return contacts


def propose(cast: Cast, *, skip: tuple[str, ...] = (), day: datetime.date = DAY) -> Proposal:
    contacts = add_contacts(cast, skip=skip)
    network = lifecycle.propose_network(
        cast.user("reader"),
        name="Nätverket för hemtjänst",
        area=cast.area,
        reason="Vi behöver lära av varandra.",
        today=day,
    )
    return Proposal(cast=cast, network=network, contacts=contacts)
