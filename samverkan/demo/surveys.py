"""A demo survey round (P4, ST2): closed about twenty months ago, so the dashboard shows the
check as met but the next round due soon; answers are invented and unlinked, as always."""

import datetime
import random

from samverkan.networks.models import Membership, Network
from samverkan.people.models import Person
from samverkan.surveys import tokens
from samverkan.surveys.models import (
    DirectorsGroupMember,
    Invitation,
    Question,
    Response,
    RoundNetwork,
    SurveyRound,
)
from samverkan.surveys.questionnaire import STANDARD_QUESTIONS

IMPROVE = [
    "Fler studiebesök i varandras verksamheter.",
    "Tydligare koppling mellan mötena och verksamhetsplanen.",
    "Dela underlag innan mötet.",
    "Bjud in Region Skåne oftare.",
    "Mer tid för erfarenhetsutbyte.",
]
DIRECTORS = [
    ("Kommundirektör Helsingborg", "kd.helsingborg@demo.se"),
    ("Kommundirektör Landskrona", "kd.landskrona@demo.se"),
    ("Kommundirektör Ängelholm", "kd.angelholm@demo.se"),
]


def load(today: datetime.date) -> int:
    if SurveyRound.objects.exists():
        return 0
    rng = random.Random(today.toordinal())
    closed = today - datetime.timedelta(days=600)
    opened = closed - datetime.timedelta(days=28)
    survey = SurveyRound.objects.create(
        title=f"Kvalitetsenkät {opened.year}",
        opens_on=opened,
        closes_on=closed,
        state=SurveyRound.State.CLOSED,
        opened_on=opened,
        closed_on=closed,
        results_sent_on=closed + datetime.timedelta(days=7),
    )
    questions = Question.objects.bulk_create(
        Question(
            round=survey,
            key=k,
            order=i,
            kind=kind,
            text=str(text),
            choices=[str(c) for c in choices],
        )
        for i, (k, kind, text, choices) in enumerate(STANDARD_QUESTIONS)
    )
    networks = Network.objects.filter(
        status=Network.Status.ACTIVE, started_on__lte=opened
    ).order_by("name")
    responses = []
    for network in networks:
        people = {m.person_id for m in Membership.objects.on(opened).filter(network=network)}
        RoundNetwork.objects.create(round=survey, network=network, invited=len(people))
        answered = set(rng.sample(sorted(people), k=int(len(people) * rng.uniform(0.4, 0.9))))
        for person_id in sorted(people):
            nonce = tokens.new_nonce()
            Invitation.objects.create(
                round=survey,
                network=network,
                person_id=person_id,
                nonce=nonce,
                token_hash=tokens.hash_token(tokens.token_for(nonce)),
                answered=person_id in answered,
            )
        bias = rng.choice([0, 1, 1, 2])
        for _ in answered:
            answers: dict[str, object] = {}
            for q in questions:
                if q.kind == Question.Kind.SCALE:
                    answers[q.key] = min(5, max(1, rng.randint(2, 4) + rng.randint(0, bias)))
                elif q.kind == Question.Kind.CHOICE:
                    answers[q.key] = rng.choice(q.choices)
                elif rng.random() < 0.4:
                    answers[q.key] = rng.choice(IMPROVE)
            responses.append(Response(round=survey, network=network, answers=answers))
    rng.shuffle(responses)
    Response.objects.bulk_create(responses)
    for name, email in DIRECTORS:
        person = Person.objects.filter(email=email).first() or Person.objects.create(
            name=name, email=email, title="Kommundirektör"
        )
        DirectorsGroupMember.objects.get_or_create(person=person)
    return len(responses)
