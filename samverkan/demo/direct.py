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
   with the municipalities that joined them then: no service enters a network as it already
   runs (register_network was dead code and is gone), and proposing and activating it would
   date its start today and ask for a founding plan of that year. Their members, plans,
   coordinators and closing then go through the services.
4. A network's description and a person's organisation: only the admin changes them.
5. The approval time of past minutes: approve_minutes stamps the moment it runs, and the demo's
   minutes were approved a week after each meeting.
6. The invented members of the invented networks, some four hundred people: one insert per
   network. Registering and confirming each through the people services takes two services,
   about thirteen queries and two history rows per person, and alone would make the demo take
   half as long again. They are stored as those services would leave them (contact details
   confirmed on an invented day, N6), without history rows of their own; their memberships go
   through the services. The people with a login, the management, Socialchefsnätverket's people
   and the directors' group are registered through the services.
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
from samverkan.networks.models import Network, Participation
from samverkan.networks.services import refresh_search_text, unique_slug
from samverkan.people.models import Person, User

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
    for municipality in municipalities:
        Participation.objects.create(
            network=network,
            municipality=municipality,
            invited_on=started_on - datetime.timedelta(days=60),
            answer=Participation.Answer.YES,
            answered_on=started_on - datetime.timedelta(days=30),
            consulted_on=started_on - datetime.timedelta(days=40),
            joined_on=started_on,
        )
    refresh_search_text(network)
    return network


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


# ---- 6. the bulk of invented members ----------------------------------------------------------


def bulk_people(people: list[Person]) -> list[Person]:
    """Insert the people (from People.unsaved) in one statement; they come back with their ids."""
    return Person.objects.bulk_create(people)
