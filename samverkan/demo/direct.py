"""Every write the demo makes without a service, in one place, each with the reason why.

Everything else in samverkan/demo/ goes through the services, as the demo's people would: the
history records each service's verb with the secretariat as the one acting, the notices are
made as they would be, and the services' rules refuse what they would refuse anyone. What no
service can express is written here; the history records it with the verb `load_demo`
(build.py's `acting(..., "load_demo")`).

1. The cooperation, its development plans, the areas of work and Region Skåne: the secretariat
   keeps them in the admin; no service writes them.
2. The accounts of the demo logins, and the first person, the secretariat: an account is made
   in the admin or at sign-up, never by a service, and somebody has to exist before anyone can
   act (as `createsuperuser` does).
3. The networks that ran long before Samverkan was taken into use (started 2008 and later),
   entered as they stood then: the municipalities that joined them and their members, some four
   hundred people, one insert each per network. No service enters a network as it already runs
   (register_network was dead code and is gone); proposing and activating it would date its
   start today and ask for a founding plan of that year; and registering, confirming and adding
   each member through the people and network services (about twenty queries and three history
   rows per member) would alone make the demo take half as long again. They are stored as those
   services would leave them, without history rows, as the time before Samverkan has none.
   What happened since goes through the services: coordinators and secretaries appointed, a
   coordinator leaving, year plans saved and adopted, a network closed.
4. A network's description and a person's organisation: only the admin changes them.
5. The approval time of past minutes: approve_minutes stamps the moment it runs, and the demo's
   minutes were approved a week after each meeting.
6. The survey round of twenty-one months ago, as it went then: each member of each active
   network invited, some two hundred anonymous answers, the results sent a week after closing.
   Through the services that is one notice per invitation and per result (some 780 notices for
   events long past) and one one-time-link answer each, which alone would about double the
   demo's time (measured: +2.3 s). The round is created and closed, and the directors' group
   kept, through the surveys services; what is written here is what open_round,
   submit_response and send_results would have left: invitations with their link's hash,
   answers unlinked from the people and in a shuffled order, nothing in the history (SPEC §6).
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth.hashers import make_password
from django.utils.text import slugify

from samverkan.cooperation.models import (
    Area,
    Cooperation,
    DevelopmentArea,
    DevelopmentPlan,
    Municipality,
    Organisation,
)
from samverkan.demo import data
from samverkan.meetings.models import Minutes
from samverkan.networks.models import Membership, Network, Participation
from samverkan.networks.services import refresh_search_text, unique_slug
from samverkan.people.models import Person, User
from samverkan.surveys import tokens
from samverkan.surveys.models import Invitation, Response, RoundNetwork, SurveyRound

# ---- 1. the cooperation -----------------------------------------------------------------------


def cooperation(year: int) -> tuple[dict[str, Area], dict[str, DevelopmentArea], Organisation]:
    """Familjen Helsingborg with its development plans, the areas of work and Region Skåne;
    returns the areas, the current development plan's areas and the region."""
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
    _development_plan(coop, "Utvecklingsplan", 2020, 2023)
    # Invented for the demo: a successor plan with the same vision and areas, so that N2
    # (the current development plan's areas) applies this year.
    end = max(2027, year)
    current = _development_plan(coop, f"Utvecklingsplan 2024–{end}", 2024, end)
    areas = {name: Area.objects.create(name=name, slug=slugify(name)) for name in data.AREAS}
    region = Organisation.objects.create(name="Region Skåne", slug="region-skane", is_region=True)
    return areas, current, region


def _development_plan(
    coop: Cooperation, title: str, start: int, end: int
) -> dict[str, DevelopmentArea]:
    plan = DevelopmentPlan.objects.create(
        cooperation=coop,
        title=title,
        start_year=start,
        end_year=end,
        vision=data.VISION,
        business_idea=data.BUSINESS_IDEA,
    )
    return {
        name: DevelopmentArea.objects.create(
            plan=plan, name=name, slug=slugify(name), description=description, goal=goal, order=n
        )
        for n, (name, description, goal) in enumerate(data.DEVELOPMENT_AREAS)
    }


# ---- 2. accounts ------------------------------------------------------------------------------


def first_person(
    *, name: str, email: str, title: str, unit: str, municipality: Municipality
) -> Person:
    """The secretariat's person, before anyone can act (the secretariat flag is the admin's)."""
    return Person.objects.create(
        name=name,
        email=email,
        title=title,
        unit=unit,
        municipality=municipality,
        is_secretariat=True,
    )


class Accounts:
    """The demo logins. One Argon2 hash for all of them: hashing costs about a second each on a
    loaded machine."""

    def __init__(self) -> None:
        self.password_hash: str | None = None

    def add(self, person: Person, *, staff: bool = False) -> User:
        if self.password_hash is None:
            self.password_hash = make_password(data.PASSWORD)
        # The secretariat repairs data in the admin too (is_staff; superuser for its
        # permissions).
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
        return user


# ---- 3. networks that ran before Samverkan ----------------------------------------------------


def running_network(
    *,
    name: str,
    area: Area,
    description: str,
    started_on: datetime.date,
    municipalities: Iterable[Municipality],
) -> Network:
    """An active network as it was entered into the catalogue: started on `started_on`, each
    municipality invited, consulted and answering yes before it joined (S1, S2)."""
    network = Network.objects.create(
        name=name,
        slug=unique_slug(name),
        area=area,
        status=Network.Status.ACTIVE,
        description=description,
        started_on=started_on,
    )
    Participation.objects.bulk_create(
        Participation(
            network=network,
            municipality=municipality,
            invited_on=started_on - datetime.timedelta(days=60),
            answer=Participation.Answer.YES,
            answered_on=started_on - datetime.timedelta(days=30),
            consulted_on=started_on - datetime.timedelta(days=40),
            joined_on=started_on,
        )
        for municipality in municipalities
    )
    refresh_search_text(network)
    return network


def members(network: Network, people: list[Person], starts: list[datetime.date]) -> list[Person]:
    """The network's members as they were (from People.unsaved), each from their start day,
    for the municipality they work in; returns the people with their ids."""
    people = Person.objects.bulk_create(people)
    Membership.objects.bulk_create(
        Membership(
            network=network,
            person=person,
            municipality=person.municipality,
            role=Membership.Role.MEMBER,
            start_on=start,
        )
        for person, start in zip(people, starts, strict=True)
    )
    return people


# ---- 4. what only the admin changes -----------------------------------------------------------


def describe(network: Network, description: str) -> None:
    network.description = description
    network.save(update_fields=["description"])
    refresh_search_text(network)


def set_organisation(person: Person, organisation: Organisation) -> None:
    person.organisation = organisation
    person.save(update_fields=["organisation"])


# ---- 5. back-dated approvals ------------------------------------------------------------------


def approved_at(minutes: Minutes, when: datetime.datetime) -> None:
    """The minutes were approved at `when` (a week after the meeting), not when the demo ran."""
    minutes.approved_at = when
    Minutes.objects.filter(pk=minutes.pk).update(approved_at=when)


# ---- 6. the survey round of twenty-one months ago ---------------------------------------------


def survey_held(
    survey: SurveyRound,
    *,
    opened_on: datetime.date,
    invited: dict[Network, list[int]],
    answered: dict[int, set[int]],
    answers: list[Response],
) -> None:
    """The round opened on `opened_on` with `invited` (person ids per network), of whom
    `answered` (per network id) gave `answers` (already in a random order). Who answered is
    stored nowhere (issue 13): the round is closed right after, and a closed round keeps no
    used-link markers."""
    survey.state = SurveyRound.State.OPEN
    survey.opened_on = opened_on
    survey.save(update_fields=["state", "opened_on"])
    RoundNetwork.objects.bulk_create(
        RoundNetwork(round=survey, network=network, invited=len(people))
        for network, people in invited.items()
    )
    invitations = []
    for network, people in invited.items():
        for person_id in people:
            nonce = tokens.new_nonce()
            invitations.append(
                Invitation(
                    round=survey,
                    network=network,
                    person_id=person_id,
                    nonce=nonce,
                    token_hash=tokens.hash_token(tokens.token_for(nonce)),
                )
            )
    Invitation.objects.bulk_create(invitations)
    Response.objects.bulk_create(answers)


def results_sent(survey: SurveyRound, on: datetime.date) -> None:
    survey.results_sent_on = on
    survey.save(update_fields=["results_sent_on"])
