"""Who may keep survey rounds and read their results (P4, ST2).

The secretariat keeps the rounds (others are refused before the round is looked up, as every
round's existence is no secret once it closes); results are read by the secretariat at any
time, and by members, coordinators and the directors' group once the round is closed.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from samverkan.networks.access import network_roles
from samverkan.people.access import person_for, require_secretariat, viewer_for
from samverkan.surveys.models import Question, SurveyRound


def is_director(user: Any) -> bool:
    """Kommundirektörsgruppen, as the secretariat keeps it."""
    person = person_for(user)
    return person is not None and hasattr(person, "directors_group")


def visible_rounds(user: Any) -> QuerySet[SurveyRound]:
    """Every round for the secretariat; the closed ones for everyone else."""
    rounds = SurveyRound.objects.all()
    if viewer_for(user).is_secretariat:
        return rounds
    return rounds.filter(state=SurveyRound.State.CLOSED)


def survey_result_networks(user: Any, survey: SurveyRound) -> set[int] | None:
    """P4/ST2: whose survey results a user may read. None = every network (the secretariat,
    at any time); a set = the networks a member or coordinator belongs to, once the round is
    closed; results go back to every network. Raises 404 for everyone else."""
    if viewer_for(user).is_secretariat:
        return None
    roles = network_roles(user)
    if survey.state != "closed" or not (roles or is_director(user)):
        raise Http404
    return set(roles)


def get_results_for(user: Any, pk: int) -> tuple[SurveyRound, set[int] | None]:
    """A round and the networks whose results the user may read (survey_result_networks)."""
    survey = SurveyRound.objects.filter(pk=pk).first()
    if survey is None:
        raise Http404
    return survey, survey_result_networks(user, survey)


def get_round_for(user: Any, pk: int) -> SurveyRound:
    """A round, to keep: the secretariat's."""
    require_secretariat(user)
    survey = SurveyRound.objects.filter(pk=pk).first()
    if survey is None:
        raise Http404
    return survey


def get_round_question_for(user: Any, pk: int, question_pk: int) -> Question:
    """A question of a round, to change: the secretariat's."""
    require_secretariat(user)
    question = Question.objects.filter(pk=question_pk, round_id=pk).first()
    if question is None:
        raise Http404
    return question
