"""A survey round (P4, ST2) through the surveys services: opened about twenty-one months ago,
answered through the members' one-time links, closed about twenty months ago and its results
sent to the networks and the municipal directors' group, so that the dashboard shows the check
as met but the next round due soon. The answers are invented and, as always, unlinked."""

import datetime
import random
from collections import defaultdict
from typing import Any

from samverkan.demo import data
from samverkan.demo.people import secretariat
from samverkan.people.services import find_or_create_person
from samverkan.surveys import tokens
from samverkan.surveys.models import Invitation, Question, SurveyRound
from samverkan.surveys.services import (
    close_round,
    create_round,
    open_round,
    send_results,
    set_directors_group,
    submit_response,
)


def load(today: datetime.date, actor: Any = None) -> int:
    """Returns the number of answers (0 when there is a round already)."""
    if SurveyRound.objects.exists():
        return 0
    actor = actor or secretariat()
    rng = random.Random(today.toordinal())
    closed = today - datetime.timedelta(days=600)
    opened = closed - datetime.timedelta(days=28)
    survey = create_round(
        actor, title=f"Kvalitetsenkät {opened.year}", opens_on=opened, closes_on=closed
    )
    open_round(actor, survey, today=opened)
    questions = list(survey.questions.order_by("order"))
    links: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for network_id, person_id, nonce in (
        Invitation.objects.filter(round=survey)
        .order_by("network__name", "person_id")
        .values_list("network_id", "person_id", "nonce")
    ):
        links[network_id].append((person_id, nonce))
    answered = 0
    for invited in links.values():
        share = rng.uniform(0.4, 0.9)
        answering = rng.sample(invited, k=int(len(invited) * share))
        bias = rng.choice([0, 1, 1, 2])
        for _person_id, nonce in answering:
            day = opened + datetime.timedelta(days=rng.randint(0, 27))
            submit_response(tokens.token_for(nonce), _answers(questions, bias, rng), today=day)
            answered += 1
    close_round(actor, survey, today=closed)
    directors = [
        find_or_create_person(actor, email=email, name=name, title="Kommundirektör")
        for name, email in data.DIRECTORS
    ]
    set_directors_group(actor, directors)
    send_results(actor, survey, today=closed + datetime.timedelta(days=7))
    return answered


def _answers(questions: list[Question], bias: int, rng: random.Random) -> dict[str, object]:
    answers: dict[str, object] = {}
    for q in questions:
        if q.kind == Question.Kind.SCALE:
            answers[q.key] = min(5, max(1, rng.randint(2, 4) + rng.randint(0, bias)))
        elif q.kind == Question.Kind.CHOICE:
            answers[q.key] = rng.choice(q.choices)
        elif rng.random() < 0.4:
            answers[q.key] = rng.choice(data.IMPROVE)
    return answers
