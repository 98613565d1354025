"""Surveys in the API (P4, ST2): rounds, questions, opening and closing, the one-time answer
and the results (with the same threshold folding as the pages)."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from samverkan.api.auth import require_secretariat, require_signed_in
from samverkan.api.kit import ERRORS, InSchema, operations
from samverkan.reports.matrix import LABELS, participation_matrix
from samverkan.surveys import access, selectors, services
from samverkan.surveys.models import SurveyRound

router = Router(tags=["Enkäter och rapporter"])


class QuestionOut(Schema):
    key: str
    kind: str
    text: str
    choices: list[str]


class RoundOut(Schema):
    id: int
    title: str
    state: str
    opens_on: datetime.date
    closes_on: datetime.date
    closed_on: datetime.date | None
    results_sent_on: datetime.date | None
    questions: list[QuestionOut]


class RoundIn(InSchema):
    title: str = Field(min_length=1, max_length=200)
    opens_on: datetime.date
    closes_on: datetime.date
    intro: str = ""


class QuestionIn(InSchema):
    kind: str
    text: str
    choices: list[str] = []


class AnswerIn(InSchema):
    answers: dict[str, Any]


class CountOut(Schema):
    count: int


def round_out(survey: SurveyRound) -> dict[str, Any]:
    return {
        "id": survey.pk,
        "title": survey.title,
        "state": survey.state,
        "opens_on": survey.opens_on,
        "closes_on": survey.closes_on,
        "closed_on": survey.closed_on,
        "results_sent_on": survey.results_sent_on,
        "questions": [
            {"key": q.key, "kind": q.kind, "text": q.text, "choices": q.choices}
            for q in survey.questions.all()
        ],
    }


def _round(request: HttpRequest, round_id: int) -> tuple[Any, SurveyRound]:
    user = require_secretariat(request)
    return user, access.get_round_for(user, round_id)


# The operations on one round answer with the round as it is afterwards, or with how many
# were sent something.
on_round = operations(router, "/surveys/{int:round_id}", RoundOut)
counted = operations(router, "/surveys/{int:round_id}", CountOut)


@router.get("/surveys", response={200: list[RoundOut], **ERRORS}, summary="Enkätomgångar")
def list_rounds(request: HttpRequest) -> list[dict[str, Any]]:
    rounds = access.visible_rounds(require_signed_in(request)).prefetch_related("questions")
    return [round_out(r) for r in rounds]


@router.post(
    "/surveys",
    response={201: RoundOut, **ERRORS},
    summary="Ny omgång från standardenkäten (sekretariatet)",
)
def create_round(request: HttpRequest, payload: RoundIn) -> tuple[int, dict]:
    user = require_secretariat(request)
    survey = services.create_round(
        user,
        title=payload.title,
        opens_on=payload.opens_on,
        closes_on=payload.closes_on,
        intro=payload.intro,
    )
    return 201, round_out(survey)


@on_round("GET", "", "En omgång")
def get_round(request: HttpRequest, round_id: int) -> dict[str, Any]:
    return round_out(_round(request, round_id)[1])


@on_round("PUT", "/questions/{key}", "Lägg till eller ändra en fråga (innan omgången öppnas)")
def put_question(request: HttpRequest, round_id: int, key: str, payload: QuestionIn) -> Any:
    user, survey = _round(request, round_id)
    services.save_question(
        user, survey, key=key, kind=payload.kind, text=payload.text, choices=payload.choices
    )
    return round_out(survey)


@on_round("DELETE", "/questions/{key}", "Ta bort en fråga (innan omgången öppnas)")
def delete_question(request: HttpRequest, round_id: int, key: str) -> Any:
    user, survey = _round(request, round_id)
    services.remove_question(user, get_object_or_404(survey.questions, key=key))
    return round_out(survey)


@counted("POST", "/open", "Öppna omgången och skicka personliga länkar")
def open_round(request: HttpRequest, round_id: int) -> dict[str, int]:
    user, survey = _round(request, round_id)
    return {"count": services.open_round(user, survey)}


@on_round("POST", "/close", "Stäng omgången")
def close_round(request: HttpRequest, round_id: int) -> dict[str, Any]:
    user, survey = _round(request, round_id)
    services.close_round(user, survey)
    return round_out(survey)


@counted("POST", "/send-results", "Skicka resultaten till nätverken och kommundirektörsgruppen")
def send_results(request: HttpRequest, round_id: int) -> dict[str, int]:
    user, survey = _round(request, round_id)
    return {"count": services.send_results(user, survey)}


@router.post(
    "/surveys/answer/{token}",
    auth=None,
    response={201: CountOut, **ERRORS},
    summary="Svara med den personliga länkens nyckel (en gång, anonymt)",
)
def answer(request: HttpRequest, token: str, payload: AnswerIn) -> tuple[int, dict]:
    services.submit_response(token, payload.answers)
    return 201, {"count": 1}


def _frac(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


@router.get(
    "/surveys/{int:round_id}/results",
    response={200: dict, **ERRORS},
    summary="Resultat per nätverk (från tröskeln), övriga nätverk och hela samverkan",
)
def results(request: HttpRequest, round_id: int) -> dict[str, Any]:
    user = require_signed_in(request)
    survey, network_ids = access.get_results_for(user, round_id)
    r = selectors.round_results(survey, network_ids=network_ids)
    return {
        "round": survey.pk,
        "threshold": r.threshold,
        "previous_round": r.previous.pk if r.previous else None,
        "coverage": [
            {
                "network": c.network.slug,
                "invited": c.invited,
                "answered": c.answered,
                "rate": _frac(c.rate),
                "shown": c.shown,
            }
            for c in r.coverage_of(network_ids)
        ],
        "groups": [
            {
                "key": g.key,
                "label": g.label,
                "invited": g.invited,
                "answered": g.answered,
                "rate": _frac(g.rate),
                "questions": [
                    {
                        "key": q.question.key,
                        "count": q.count,
                        "distribution": dict(q.distribution),
                        "mean": _frac(q.mean),
                        "previous_mean": _frac(q.previous_mean),
                        "change": _frac(q.change),
                        "texts": q.texts,
                    }
                    for q in g.questions
                ],
            }
            for g in r.groups
        ],
    }


@router.get(
    "/participation-matrix",
    response={200: dict, **ERRORS},
    summary="Kommunernas deltagande i de aktiva nätverken",
)
def matrix(request: HttpRequest, area: str = "") -> dict[str, Any]:
    require_signed_in(request)
    m = participation_matrix(timezone.localdate(), area=area)
    return {
        "date": m.day.isoformat(),
        "networks": [n.slug for n in m.networks],
        "states": {k: str(v) for k, v in LABELS.items()},
        "rows": [
            {"municipality_code": mu.code, "municipality": mu.name, "cells": states}
            for mu, states, _count in m.rows()
        ],
    }
