import datetime

from samverkan.networks.models import Membership
from samverkan.people.models import Person
from samverkan.surveys import services, tokens
from samverkan.surveys.models import Invitation

OPENS = datetime.date(2026, 3, 2)
CLOSES = datetime.date(2026, 3, 30)


def add_members(cast, network, n, *, prefix="Deltagare"):
    people = []
    munis = list(cast.municipalities.values())
    for i in range(n):
        person = Person.objects.create(
            name=f"{prefix} {network.pk}-{i}",
            email=f"{prefix.lower()}{network.pk}-{i}@example.se",
            municipality=munis[i % len(munis)],
        )
        Membership.objects.create(
            network=network,
            person=person,
            municipality=person.municipality,
            start_on=datetime.date(2020, 1, 1),
        )
        people.append(person)
    return people


def opened_round(cast, *, title="Enkät 2026", opens=OPENS, closes=CLOSES):
    survey = services.create_round(
        cast.user("secretariat"), title=title, opens_on=opens, closes_on=closes
    )
    services.open_round(cast.user("secretariat"), survey, today=opens)
    return survey


def token_of(survey, person, network):
    inv = Invitation.objects.get(round=survey, person=person, network=network)
    return tokens.token_for(inv.nonce)


def close(cast, survey, *, today=CLOSES):
    """Close the round: its sealed answers are opened and its results published."""
    services.close_round(cast.user("secretariat"), survey, today=today)
    survey.refresh_from_db()
    return survey


def answer_all(survey, network, people, *, value=4, today=OPENS, text="Bra"):
    for i, person in enumerate(people):
        services.submit_response(
            token_of(survey, person, network),
            {"value": value, "meetings": (i % 5) + 1, "improve": f"{text} {i}"},
            today=today,
        )
