"""The network lifecycle in the API (issue 3, item 7): propose, invitations and answers,
activation (S1-S4), joining and leaving (P1, P2), closing and the archive export (C1),
material (N5), questions to the secretariat (ST1), municipality overview, the register of
management contacts and the caller's inbox. Every route calls the same services as the
pages; a refused activation answers 400 with `rule` and the `missing` steps."""

import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import File, Form, Router, Schema, UploadedFile
from pydantic import Field, StringConstraints

from samverkan.api.auth import require_signed_in
from samverkan.api.kit import ERRORS, InSchema, area_by_slug, municipality_by_slug, operations
from samverkan.api.kit import NETWORK as N
from samverkan.networks.access import Need, get_network_for
from samverkan.networks.lifecycle import access as lifecycle_access
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.lifecycle.export import export_network
from samverkan.networks.lifecycle.starting import load_start_facts, steps_left
from samverkan.networks.material import access as material_access
from samverkan.networks.material import services as material_services
from samverkan.networks.models import (
    Material,
    Network,
    ParticipationRequest,
    Question,
)

router = Router(tags=["Nätverkets livscykel"])


# ---- schemas -----------------------------------------------------------------------------------


class ProposeIn(InSchema):
    name: str = Field(max_length=200)
    area: str = Field(max_length=100, description="Area slug")
    reason: str = Field(max_length=5000)


class InvitationOut(Schema):
    municipality: str
    invited_on: datetime.date | None
    answer: str
    answered_on: datetime.date | None
    consulted_on: datetime.date | None
    joined_on: datetime.date | None
    left_on: datetime.date | None


class StartOut(Schema):
    slug: str
    name: str
    status: str
    proposed_on: datetime.date | None
    started_on: datetime.date | None
    closed_on: datetime.date | None
    members: int
    yes: int
    needed: int
    missing: list[str] = Field(
        description="Steps still missing before activation, each 'RULE: text'"
    )
    invitations: list[InvitationOut]


class InvitationAnswerIn(InSchema):
    answer: Literal["yes", "no"]


class RequestIn(InSchema):
    municipality: str = Field(max_length=100, description="Municipality slug")
    kind: Literal["join", "leave"]
    reason: str = Field("", max_length=2000)


class RequestOut(Schema):
    id: int
    municipality: str
    kind: str
    state: str
    reason: str
    requested_on: datetime.date
    decided_on: datetime.date | None


class DecisionIn(InSchema):
    confirm: bool


class CloseIn(InSchema):
    reason: str = Field(max_length=5000)


class MaterialOut(Schema):
    id: int
    title: str
    url: str
    uploaded_at: datetime.datetime
    reviewed_on: datetime.date | None


class SecretariatQuestionIn(InSchema):
    topic: Literal["graphic_manual", "purpose", "organisation", "other"]
    subject: str = Field(max_length=200)
    text: str = Field(max_length=10000)


class MessageIn(InSchema):
    text: str = Field(max_length=10000)


class MessageOut(Schema):
    from_secretariat: bool
    author: str | None
    text: str
    created_at: datetime.datetime


class SecretariatQuestionOut(Schema):
    id: int
    network: str
    topic: str
    subject: str
    asker: str
    created_at: datetime.datetime
    answered_at: datetime.datetime | None
    messages: list[MessageOut]


# ---- shaping -----------------------------------------------------------------------------------


def _network(request: HttpRequest, slug: str, *, write: bool = False) -> tuple[Any, Network]:
    user = require_signed_in(request)
    return user, get_network_for(user, slug, need=Need.EDIT if write else Need.READ)


def _start(network: Network) -> dict[str, Any]:
    facts = load_start_facts(network, timezone.localdate())
    rows = sorted(facts.participations.values(), key=lambda p: p.municipality.name)
    return {
        "slug": network.slug,
        "name": network.name,
        "status": network.status,
        "proposed_on": network.proposed_on,
        "started_on": network.started_on,
        "closed_on": network.closed_on,
        "members": len(facts.members),
        "yes": len(facts.yes),
        "needed": facts.needed,
        "missing": [str(s) for s in steps_left(facts)],
        "invitations": [
            {
                "municipality": p.municipality.slug,
                "invited_on": p.invited_on,
                "answer": p.answer,
                "answered_on": p.answered_on,
                "consulted_on": p.consulted_on,
                "joined_on": p.joined_on,
                "left_on": p.left_on,
            }
            for p in rows
        ],
    }


def _request_out(r: ParticipationRequest) -> dict[str, Any]:
    return {
        "id": r.pk,
        "municipality": r.municipality.slug,
        "kind": r.kind,
        "state": r.state,
        "reason": r.reason,
        "requested_on": r.requested_on,
        "decided_on": r.decided_on,
    }


def _question_out(q: Question) -> dict[str, Any]:
    return {
        "id": q.pk,
        "network": q.network.slug,
        "topic": q.topic,
        "subject": q.subject,
        "asker": q.asker.name,
        "created_at": q.created_at,
        "answered_at": q.answered_at,
        "messages": [
            {
                "from_secretariat": m.from_secretariat,
                "author": m.author.name if m.author else None,
                "text": m.text,
                "created_at": m.created_at,
            }
            for m in q.messages.select_related("author")
        ],
    }


# ---- starting (S1-S4) ---------------------------------------------------------------------------

# The steps of a network's start, and its closing, answer with where the start stands.
on_start = operations(router, N, StartOut)


@router.post("/proposals", response={201: StartOut, **ERRORS}, summary="Föreslå ett nätverk")
def propose(request: HttpRequest, payload: ProposeIn) -> Any:
    user = require_signed_in(request)
    area = area_by_slug(payload.area)
    network = lifecycle.propose_network(user, name=payload.name, area=area, reason=payload.reason)
    return 201, _start(network)


@on_start("GET", "/start", "Uppstartens steg")
def start(request: HttpRequest, slug: str) -> Any:
    _user, network = _network(request, slug)
    return _start(network)


@on_start("POST", "/invitations", "Bjud in kommuner som saknar inbjudan")
def invite(request: HttpRequest, slug: str) -> Any:
    user, network = _network(request, slug, write=True)
    lifecycle.invite_members(user, network)
    return _start(network)


@on_start(
    "POST",
    "/invitations/{municipality}/answer",
    "Kommunens svar på inbjudan (ja registrerar att förvaltningsledningen är tillfrågad)",
)
def answer(request: HttpRequest, slug: str, municipality: str, payload: InvitationAnswerIn) -> Any:
    user, network = _network(request, slug)
    participation = lifecycle.find_invitation(network, municipality_by_slug(municipality))
    lifecycle.answer_invitation(user, participation, answer=payload.answer)
    return _start(network)


@on_start("POST", "/activate", "Aktivera nätverket (S1–S4)")
def activate(request: HttpRequest, slug: str) -> Any:
    user, network = _network(request, slug, write=True)
    lifecycle.activate_network(user, network)
    return _start(network)


# ---- joining and leaving (P1, P2) ------------------------------------------------------------


@router.get(
    N + "/participation-requests",
    response={200: list[RequestOut], **ERRORS},
    summary="Begäranden om att gå med eller lämna",
)
def requests(request: HttpRequest, slug: str) -> Any:
    _user, network = _network(request, slug)
    return [_request_out(r) for r in network.participation_requests.select_related("municipality")]


@router.post(
    N + "/participation-requests",
    response={201: RequestOut, **ERRORS},
    summary="Begär att gå med (P1) eller lämna (P2)",
)
def ask(request: HttpRequest, slug: str, payload: RequestIn) -> Any:
    user, network = _network(request, slug)
    municipality = municipality_by_slug(payload.municipality)
    if payload.kind == "join":
        req = lifecycle.request_join(user, network, municipality=municipality)
    else:
        req = lifecycle.request_leave(
            user, network, municipality=municipality, reason=payload.reason
        )
    return 201, _request_out(req)


@router.post(
    N + "/participation-requests/{int:request_id}/decision",
    response={200: RequestOut, **ERRORS},
    summary="Samordnaren bekräftar eller avböjer",
)
def decide(request: HttpRequest, slug: str, request_id: int, payload: DecisionIn) -> Any:
    user = require_signed_in(request)
    req = lifecycle_access.get_participation_request_for(user, slug, request_id)
    return _request_out(lifecycle.decide_participation_request(user, req, confirm=payload.confirm))


# ---- closing and export (C1) ---------------------------------------------------------------------


@on_start("POST", "/close", "Avsluta nätverket (C1)")
def close(request: HttpRequest, slug: str, payload: CloseIn) -> Any:
    user, network = _network(request, slug, write=True)
    lifecycle.close_network(user, network, reason=payload.reason)
    return _start(network)


@router.get(
    N + "/export",
    response={200: dict[str, Any], **ERRORS},
    summary="Hela nätverket som ett JSON-dokument för arkivering",
)
def export(request: HttpRequest, slug: str) -> Any:
    network = lifecycle_access.get_network_to_export(require_signed_in(request), slug)
    return export_network(network)


# ---- material (N5) and questions (ST1) -----------------------------------------------------------


def _material_out(request: HttpRequest, m: Material) -> dict[str, Any]:
    return {
        "id": m.pk,
        "title": m.title,
        "url": request.build_absolute_uri(m.file_url),
        "uploaded_at": m.uploaded_at,
        "reviewed_on": m.reviewed_on,
    }


@router.get(
    N + "/material", response={200: list[MaterialOut], **ERRORS}, summary="Nätverkets material"
)
def material_list(request: HttpRequest, slug: str) -> Any:
    _user, network = _network(request, slug)
    return [_material_out(request, m) for m in network.material.all()]


@router.post(N + "/material", response={201: MaterialOut, **ERRORS}, summary="Ladda upp material")
def material_add(
    request: HttpRequest,
    slug: str,
    file: File[UploadedFile],
    title: Form[Annotated[str, StringConstraints(min_length=1, max_length=200)]],
) -> Any:
    user, network = _network(request, slug)
    item = material_services.add_material(user, network, title=title, file=file)
    return 201, _material_out(request, item)


@router.post(
    N + "/material/{int:material_id}/review",
    response={200: MaterialOut, **ERRORS},
    summary="Sekretariatet markerar materialet som granskat mot den grafiska manualen",
)
def material_review(request: HttpRequest, slug: str, material_id: int) -> Any:
    user = require_signed_in(request)
    item = material_access.get_material_for(user, slug, material_id)
    return _material_out(request, material_services.mark_material_reviewed(user, item))


@router.get(
    N + "/questions",
    response={200: list[SecretariatQuestionOut], **ERRORS},
    summary="Mina frågor (sekretariatet: alla)",
)
def question_list(request: HttpRequest, slug: str) -> Any:
    user, network = _network(request, slug)
    return [_question_out(q) for q in material_access.visible_questions(user, network)]


@router.post(
    N + "/questions",
    response={201: SecretariatQuestionOut, **ERRORS},
    summary="Ställ en fråga till sekretariatet (ST1)",
)
def question_ask(request: HttpRequest, slug: str, payload: SecretariatQuestionIn) -> Any:
    user, network = _network(request, slug)
    question = material_services.ask_question(user, network, **payload.model_dump())
    return 201, _question_out(question)


@router.post(
    N + "/questions/{int:question_id}/messages",
    response={201: SecretariatQuestionOut, **ERRORS},
    summary="Svara eller fråga vidare i tråden",
)
def question_reply(request: HttpRequest, slug: str, question_id: int, payload: MessageIn) -> Any:
    user = require_signed_in(request)
    question = material_access.get_question_for(user, slug, question_id)
    material_services.reply_to_question(user, question, text=payload.text)
    return 201, _question_out(question)
