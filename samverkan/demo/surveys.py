"""A survey round (P4, ST2): opened about twenty-one months ago, answered, closed about twenty
months ago and its results sent, so that the dashboard shows the check as met but the next round
due soon. The round is created from the standard questionnaire and closed through the surveys
services, the directors' group is kept through them; the round as it went then (invitations,
anonymous answers) is written by direct.survey_held, whose docstring says why. The answers are
invented and, as always, unlinked."""

import datetime
import random
from collections import defaultdict
from typing import Any

from samverkan.demo import data, direct
from samverkan.demo.people import secretariat
from samverkan.networks.models import Membership, Network
from samverkan.people.services import find_or_create_person
from samverkan.surveys.models import Question, Response, SurveyRound
from samverkan.surveys.services import close_round, create_round, set_directors_group


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
    questions = list(survey.questions.order_by("order"))
    # Whom open_round invites: every current member of every active network, once per network.
    networks = list(Network.objects.filter(status=Network.Status.ACTIVE).order_by("name"))
    members: dict[int, set[int]] = defaultdict(set)
    for network_id, person_id in (
        Membership.objects.on(opened)
        .filter(network__in=networks, person__anonymised_on__isnull=True)
        .values_list("network_id", "person_id")
    ):
        members[network_id].add(person_id)
    invited = {n: sorted(members[n.pk]) for n in networks}
    answered: dict[int, set[int]] = {}
    answers: list[Response] = []
    for network, people in invited.items():
        answered[network.pk] = set(rng.sample(people, k=int(len(people) * rng.uniform(0.4, 0.9))))
        bias = rng.choice([0, 1, 1, 2])
        answers += [
            Response(round=survey, network=network, answers=_answers(questions, bias, rng))
            for _ in answered[network.pk]
        ]
    rng.shuffle(answers)
    direct.survey_held(
        survey, opened_on=opened, invited=invited, answered=answered, answers=answers
    )
    close_round(actor, survey, today=closed)
    directors = [
        find_or_create_person(actor, email=email, name=name, title="Kommundirektör")
        for name, email in data.DIRECTORS
    ]
    set_directors_group(actor, directors)
    direct.results_sent(survey, closed + datetime.timedelta(days=7))
    return len(answers)


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
