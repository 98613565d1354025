"""Agreements in the API (issue 4, item 9): every action of the pages through the same services
and selectors. Municipalities are named by their SCB code, people by id. A refusal by a rule
comes back as JSON naming it (F2, F4, CH2); out-of-range parameters list every error."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from samverkan.agreements import access, selectors, services
from samverkan.agreements import matters as work
from samverkan.agreements.models import (
    AgreementVersion,
    BusinessPlan,
    Chairmanship,
    FocusArea,
    Mandate,
    Matter,
    OnboardingTask,
    WorkingGroup,
)
from samverkan.agreements.services import ParameterError
from samverkan.api.auth import require_signed_in
from samverkan.api.errors import ApiError
from samverkan.api.kit import NETWORK as N
from samverkan.api.kit import InSchema, errors, municipalities_by_code, operations, people_by_id
from samverkan.cooperation.models import Organisation
from samverkan.networks.models import Network
from samverkan.people.models import Person

router = Router(tags=["Överenskommelser"])

# No agreement service answers 409, so the routes here do not document it.
ERRORS = errors(400, 401, 403, 404, 422)


# ---- schemas -----------------------------------------------------------------------------------


class ParametersIn(InSchema):
    min_municipalities_per_matter: int | None = None
    min_focus_areas: int | None = None
    focus_area_min_share: float | None = None
    cost_sharing: str = ""
    onboarding_representative: bool = False
    meetings_per_year: int | None = None
    chair_municipalities: int | None = None
    chair_term_years: int | None = None
    secretary_title: str = ""
    substitutes_allowed: bool = True
    review_at_last_meeting: bool = False
    business_plan_required: bool = False


class ParametersOut(ParametersIn):
    pass


class VersionOut(Schema):
    number: int
    text: str
    adopted_on: datetime.date
    adopted_at_meeting_id: int | None
    note: str
    parameters: ParametersOut


class AgreementOut(Schema):
    network: str
    current: VersionOut | None
    parameters: ParametersOut
    versions: list[VersionOut]


class VersionIn(InSchema):
    text: str
    parameters: dict[str, Any] = Field(default_factory=dict)
    adopted_on: datetime.date | None = None
    meeting_id: int | None = None
    note: str = ""


class DiffLineOut(Schema):
    kind: str
    text: str


class ParameterChangeOut(Schema):
    name: str
    label: str
    old: Any
    new: Any


class DiffOut(Schema):
    old: int
    new: int
    lines: list[DiffLineOut]
    parameters: list[ParameterChangeOut]


class DiffQuery(InSchema):
    old: int = Field(..., ge=1, le=1_000_000, description="The older version's number")
    new: int = Field(..., ge=1, le=1_000_000, description="The newer version's number")


class ReviewIn(InSchema):
    year: int = Field(..., ge=2000, le=2100)
    outcome: str
    held_on: datetime.date
    meeting_id: int | None = None
    version: int | None = Field(None, description="The new version's number, for a revision")
    note: str = ""


class ReviewOut(Schema):
    year: int
    outcome: str
    held_on: datetime.date
    version: int | None


class MandateIn(InSchema):
    people: list[int]
    arena: str
    start_on: datetime.date
    end_on: datetime.date | None = None
    organisation: str | None = Field(None, description="Organisation slug, e.g. region-skane")
    represents: list[str] | None = Field(None, description="SCB codes; default the matter's")


class MandateOut(Schema):
    id: int
    network: str
    matter_id: int | None
    arena: str
    organisation: str | None
    people: list[str]
    represents: list[str]
    start_on: datetime.date
    end_on: datetime.date | None


class MatterIn(InSchema):
    title: str
    description: str = ""
    raised_by: str | None = Field(None, description="SCB code; empty when the network raises it")
    concerned: list[str] = Field(default_factory=list, description="SCB codes")
    with_region: bool = False
    organisations: list[str] = Field(default_factory=list, description="Organisation slugs")
    focus_area_id: int | None = None
    working_group_id: int | None = None
    raised_on: datetime.date | None = None


class MatterOut(Schema):
    id: int
    title: str
    description: str
    raised_by: str | None
    concerned: list[str]
    status: str
    with_region: bool
    organisations: list[str]
    focus_area_id: int | None
    working_group_id: int | None
    raised_on: datetime.date
    mandates: list[MandateOut]


class StatusIn(InSchema):
    status: str


class WorkingGroupIn(InSchema):
    name: str
    contact: int
    members: list[int] = Field(default_factory=list)
    focus_area_id: int | None = None
    start_on: datetime.date | None = None


class WorkingGroupOut(Schema):
    id: int
    name: str
    contact_id: int
    contact: str
    contact_left_network: bool
    members: list[str]
    focus_area_id: int | None
    start_on: datetime.date
    end_on: datetime.date | None


class ContactIn(InSchema):
    contact: int


class FocusAreaIn(InSchema):
    name: str
    description: str = ""
    municipalities: list[str] = Field(default_factory=list, description="SCB codes")


class FocusAreaOut(Schema):
    id: int
    name: str
    description: str
    municipalities: list[str]
    reach: int
    qualifies: bool


class BusinessPlanIn(InSchema):
    summary: str = ""


class BusinessPlanOut(Schema):
    year: int
    state: str
    adopted_on: datetime.date | None
    summary: str
    threshold: int
    qualifying: int
    focus_areas: list[FocusAreaOut]


class ChairsIn(InSchema):
    year: int = Field(..., ge=2000, le=2100)
    municipalities: list[str] = Field(..., description="SCB codes")
    people: dict[str, int] = Field(default_factory=dict, description="SCB code → person id")
    appointed_on: datetime.date | None = None


class ChairOut(Schema):
    municipality: str
    code: str
    person: str | None


class ChairmanshipOut(Schema):
    id: int
    year: int
    last_year: int
    appointed_on: datetime.date
    chairs: list[ChairOut]


class CandidateOut(Schema):
    municipality: str
    code: str
    last_year: int | None
    terms: int


class NextYearQuery(InSchema):
    year: int | None = Field(None, ge=2000, le=2100, description="Defaults to next year")


class TaskOut(Schema):
    id: int
    new_member: str
    representative: str | None
    created_on: datetime.date
    due_on: datetime.date
    done_on: datetime.date | None


# ---- helpers -----------------------------------------------------------------------------------


def _version_out(v: AgreementVersion) -> dict[str, Any]:
    return {
        "number": v.number,
        "text": v.text,
        "adopted_on": v.adopted_on,
        "adopted_at_meeting_id": v.adopted_at_meeting_id,
        "note": v.note,
        "parameters": selectors.AgreementParameters.from_version(v).as_dict(),
    }


def _mandate_out(m: Mandate) -> dict[str, Any]:
    return {
        "id": m.pk,
        "network": m.network.slug,
        "matter_id": m.matter_id,
        "arena": m.arena,
        "organisation": m.organisation.name if m.organisation else None,
        "people": [p.name for p in m.people.all()],
        "represents": [c.code for c in m.represents.all()],
        "start_on": m.start_on,
        "end_on": m.end_on,
    }


def _matter_out(m: Matter) -> dict[str, Any]:
    return {
        "id": m.pk,
        "title": m.title,
        "description": m.description,
        "raised_by": m.raised_by.code if m.raised_by else None,
        "concerned": [c.code for c in m.concerned.all()],
        "status": m.status,
        "with_region": m.with_region,
        "organisations": [o.slug for o in m.organisations.all()],
        "focus_area_id": m.focus_area_id,
        "working_group_id": m.working_group_id,
        "raised_on": m.raised_on,
        "mandates": [_mandate_out(x) for x in m.mandates.all()],
    }


def _group_out(g: WorkingGroup, flagged: bool) -> dict[str, Any]:
    return {
        "id": g.pk,
        "name": g.name,
        "contact_id": g.contact_id,
        "contact": g.contact.name,
        "contact_left_network": flagged,
        "members": [p.name for p in g.members.all()],
        "focus_area_id": g.focus_area_id,
        "start_on": g.start_on,
        "end_on": g.end_on,
    }


def _chairmanship_out(c: Chairmanship) -> dict[str, Any]:
    return {
        "id": c.pk,
        "year": c.year,
        "last_year": c.last_year,
        "appointed_on": c.appointed_on,
        "chairs": [
            {
                "municipality": x.municipality.name,
                "code": x.municipality.code,
                "person": x.person.name if x.person else None,
            }
            for x in c.chairs.all()
        ],
    }


# ---- agreement ---------------------------------------------------------------------------------


@router.get(N + "/agreement", response={200: AgreementOut, **ERRORS}, summary="Överenskommelsen")
def agreement(request: HttpRequest, slug: str) -> dict[str, Any]:
    network = access.get_agreement_network_for(require_signed_in(request), slug)
    current = selectors.version_in_force(network)
    return {
        "network": network.slug,
        "current": _version_out(current) if current else None,
        "parameters": selectors.AgreementParameters.from_version(current).as_dict(),
        "versions": [_version_out(v) for v in selectors.versions(network)],
    }


@router.post(
    N + "/agreement/versions", response={201: VersionOut, **ERRORS}, summary="Anta en ny version"
)
def adopt_version(
    request: HttpRequest, slug: str, payload: VersionIn
) -> tuple[int, dict[str, Any]]:
    user = require_signed_in(request)
    network = access.get_agreement_network_for(user, slug, write=True)
    try:
        version = services.adopt_agreement_version(
            user,
            network,
            text=payload.text,
            parameters=payload.parameters,
            adopted_on=payload.adopted_on,
            meeting_id=payload.meeting_id,
            note=payload.note,
        )
    except ParameterError as exc:
        raise ApiError(
            400,
            "invalid",
            exc.message,
            fields=[{"field": k, "message": v} for k, v in exc.errors.items()],
        ) from exc
    return 201, _version_out(version)


@router.get(
    N + "/agreement/diff", response={200: DiffOut, **ERRORS}, summary="Skillnad mellan versioner"
)
def diff(request: HttpRequest, slug: str, query: Query[DiffQuery]) -> dict[str, Any]:
    network = access.get_agreement_network_for(require_signed_in(request), slug)
    by_number = {v.number: v for v in selectors.versions(network)}
    if query.old not in by_number or query.new not in by_number:
        raise ApiError(404, "not_found", _("Versionen finns inte."))
    d = selectors.version_diff(by_number[query.old], by_number[query.new])
    return {
        "old": d.old.number,
        "new": d.new.number,
        "lines": [{"kind": x.kind, "text": x.text} for x in d.lines],
        "parameters": [vars(c) for c in d.parameters],
    }


@router.post(
    N + "/agreement/reviews", response={201: ReviewOut, **ERRORS}, summary="Årets översyn (CO2)"
)
def record_review(request: HttpRequest, slug: str, payload: ReviewIn) -> tuple[int, dict[str, Any]]:
    user = require_signed_in(request)
    network = access.get_review_network_for(user, slug, meeting_id=payload.meeting_id)
    version = None
    if payload.version is not None:
        version = AgreementVersion.objects.filter(
            agreement__network=network, number=payload.version
        ).first()
        if version is None:
            raise ApiError(404, "not_found", _("Versionen finns inte."))
    row = services.record_review(
        user,
        network,
        year=payload.year,
        outcome=payload.outcome,
        held_on=payload.held_on,
        meeting_id=payload.meeting_id,
        version=version,
        note=payload.note,
    )
    return 201, {
        "year": row.year,
        "outcome": row.outcome,
        "held_on": row.held_on,
        "version": version.number if version else None,
    }


# ---- matters and mandates ----------------------------------------------------------------------


@router.get(N + "/matters", response={200: list[MatterOut], **ERRORS}, summary="Frågor")
def matters(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    network = access.get_matters_network_for(require_signed_in(request), slug)
    return [_matter_out(m) for m in selectors.matters(network)]


@router.post(
    N + "/matters", response={201: MatterOut, **ERRORS}, summary="Registrera en fråga (F1, F2)"
)
def record_matter(request: HttpRequest, slug: str, payload: MatterIn) -> tuple[int, dict[str, Any]]:
    user = require_signed_in(request)
    network = access.get_matters_network_for(user, slug, write=True)
    orgs = list(Organisation.objects.filter(slug__in=payload.organisations))
    if len(orgs) != len(set(payload.organisations)):
        raise ApiError(400, "invalid", _("Okänd organisation."))
    focus_area = None
    if payload.focus_area_id is not None:
        focus_area = get_object_or_404(
            FocusArea, pk=payload.focus_area_id, business_plan__network=network
        )
    group = None
    if payload.working_group_id is not None:
        group = get_object_or_404(WorkingGroup, pk=payload.working_group_id, network=network)
    matter = work.record_matter(
        user,
        network,
        title=payload.title,
        description=payload.description,
        raised_by=municipalities_by_code([payload.raised_by])[0] if payload.raised_by else None,
        concerned=municipalities_by_code(payload.concerned),
        with_region=payload.with_region,
        organisations=orgs,
        focus_area=focus_area,
        working_group=group,
        raised_on=payload.raised_on,
    )
    return 201, _matter_out(matter)


@router.post(
    N + "/matters/{pk}/status", response={200: MatterOut, **ERRORS}, summary="Ändra frågans status"
)
def matter_status(request: HttpRequest, slug: str, pk: int, payload: StatusIn) -> dict[str, Any]:
    user = require_signed_in(request)
    matter = access.get_matter_for(user, slug, pk, write=True)
    return _matter_out(work.advance_matter(user, matter, status=payload.status))


@router.post(
    N + "/matters/{pk}/mandates",
    response={201: MandateOut, **ERRORS},
    summary="Ge ett uppdrag (F3)",
)
def mandate(
    request: HttpRequest, slug: str, pk: int, payload: MandateIn
) -> tuple[int, dict[str, Any]]:
    user = require_signed_in(request)
    matter = access.get_matter_for(user, slug, pk, write=True)
    network = matter.network
    organisation = None
    if payload.organisation:
        organisation = get_object_or_404(Organisation, slug=payload.organisation)
    row = work.mandate(
        user,
        network,
        matter=matter,
        people=people_by_id(payload.people),
        arena=payload.arena,
        start_on=payload.start_on,
        end_on=payload.end_on,
        organisation=organisation,
        represents=municipalities_by_code(payload.represents)
        if payload.represents is not None
        else None,
    )
    return 201, _mandate_out(row)


@router.get(
    "/people/{pk}/mandates",
    response={200: list[MandateOut], **ERRORS},
    summary="En persons uppdrag (F3)",
)
def person_mandates(request: HttpRequest, pk: int) -> list[dict[str, Any]]:
    user = require_signed_in(request)
    get_object_or_404(Person, pk=pk)
    rows = selectors.person_mandates(pk)
    return [_mandate_out(m) for m in rows if access.can_see_work(user, m.network)]


# ---- working groups ----------------------------------------------------------------------------

# The operations on one working group answer with the group as it is afterwards.
on_group = operations(router, N + "/working-groups/{pk}", WorkingGroupOut, error_responses=ERRORS)


@router.get(
    N + "/working-groups", response={200: list[WorkingGroupOut], **ERRORS}, summary="Arbetsgrupper"
)
def working_groups(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    network = access.get_working_groups_network_for(require_signed_in(request), slug)
    return [
        _group_out(g, f) for g, f in selectors.working_groups(network, today=timezone.localdate())
    ]


@router.post(
    N + "/working-groups",
    response={201: WorkingGroupOut, **ERRORS},
    summary="Starta en arbetsgrupp (F4)",
)
def start_working_group(
    request: HttpRequest, slug: str, payload: WorkingGroupIn
) -> tuple[int, dict[str, Any]]:
    user = require_signed_in(request)
    network = access.get_working_groups_network_for(user, slug, write=True)
    focus_area = None
    if payload.focus_area_id is not None:
        focus_area = get_object_or_404(
            FocusArea, pk=payload.focus_area_id, business_plan__network=network
        )
    group = work.start_working_group(
        user,
        network,
        name=payload.name,
        contact=people_by_id([payload.contact])[0],
        members=people_by_id(payload.members),
        focus_area=focus_area,
        start_on=payload.start_on,
    )
    return 201, _group_out(group, False)


@on_group("POST", "/contact", "Ny kontaktperson (F4)")
def group_contact(request: HttpRequest, slug: str, pk: int, payload: ContactIn) -> dict[str, Any]:
    user = require_signed_in(request)
    group = access.get_working_group_for(user, slug, pk, write=True)
    group = work.change_working_group_contact(
        user, group, contact=people_by_id([payload.contact])[0]
    )
    return _group_out(group, False)


@on_group("POST", "/end", "Avsluta arbetsgruppen")
def end_group(request: HttpRequest, slug: str, pk: int) -> dict[str, Any]:
    user = require_signed_in(request)
    group = access.get_working_group_for(user, slug, pk, write=True)
    return _group_out(work.end_working_group(user, group), False)


# ---- business plans ----------------------------------------------------------------------------


def _plan_out(network: Network, year: int) -> dict[str, Any]:
    plan = selectors.business_plan(network, year)
    if plan is None:
        raise ApiError(404, "not_found", _("Det finns ingen verksamhetsplan för året."))
    summary = selectors.business_plan_summary(network, year, plan)
    return {
        "year": plan.year,
        "state": plan.state,
        "adopted_on": plan.adopted_on,
        "summary": plan.summary,
        "threshold": summary.needed,
        "qualifying": summary.qualifying,
        "focus_areas": [
            {
                "id": r.focus_area.pk,
                "name": r.focus_area.name,
                "description": r.focus_area.description,
                "municipalities": [m.code for m in r.municipalities],
                "reach": r.reach,
                "qualifies": r.qualifies,
            }
            for r in summary.rows
        ],
    }


# The operations on a year's business plan answer with the plan as it is afterwards.
on_plan = operations(router, N + "/business-plans/{year}", BusinessPlanOut, error_responses=ERRORS)


@on_plan("GET", "", "Verksamhetsplan")
def business_plan(request: HttpRequest, slug: str, year: int) -> dict[str, Any]:
    network = access.get_business_plan_network_for(require_signed_in(request), slug)
    return _plan_out(network, year)


@on_plan("PUT", "", "Spara verksamhetsplan (CO3)")
def save_business_plan(
    request: HttpRequest, slug: str, year: int, payload: BusinessPlanIn
) -> dict[str, Any]:
    user = require_signed_in(request)
    network = access.get_business_plan_network_for(user, slug, write=True)
    services.save_business_plan(user, network, year=year, summary=payload.summary)
    return _plan_out(network, year)


@on_plan("POST", "/focus-areas", "Lägg till frågeområde (PR1)", status=201)
def add_focus_area(
    request: HttpRequest, slug: str, year: int, payload: FocusAreaIn
) -> tuple[int, dict[str, Any]]:
    user = require_signed_in(request)
    network = access.get_business_plan_network_for(user, slug, write=True)
    plan = BusinessPlan.objects.filter(network=network, year=year).first()
    if plan is None:
        plan = services.save_business_plan(user, network, year=year)
    services.save_focus_area(
        user,
        plan,
        name=payload.name,
        description=payload.description,
        municipalities=municipalities_by_code(payload.municipalities),
    )
    return 201, _plan_out(network, year)


@router.delete(
    N + "/business-plans/{year}/focus-areas/{pk}",
    response={204: None, **ERRORS},
    summary="Ta bort frågeområde",
)
def remove_focus_area(request: HttpRequest, slug: str, year: int, pk: int) -> tuple[int, None]:
    user = require_signed_in(request)
    area = access.get_focus_area_for(user, slug, year, pk)
    services.remove_focus_area(user, area)
    return 204, None


@on_plan("POST", "/adopt", "Anta verksamhetsplanen (CO3)")
def adopt_business_plan(request: HttpRequest, slug: str, year: int) -> dict[str, Any]:
    user = require_signed_in(request)
    network = access.get_business_plan_network_for(user, slug, write=True)
    plan = get_object_or_404(BusinessPlan, network=network, year=year)
    services.adopt_business_plan(user, plan)
    return _plan_out(network, year)


# ---- chairs ------------------------------------------------------------------------------------


@router.get(N + "/chairs", response={200: list[ChairmanshipOut], **ERRORS}, summary="Ordförande")
def chairs(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    network = access.get_chairs_network_for(require_signed_in(request), slug)
    return [_chairmanship_out(c) for c in selectors.chairmanships(network)]


@router.get(
    N + "/chairs/proposal",
    response={200: list[CandidateOut], **ERRORS},
    summary="Förslag på ordförande (CH2)",
)
def chairs_proposal(
    request: HttpRequest, slug: str, query: Query[NextYearQuery]
) -> list[dict[str, Any]]:
    network = access.get_chairs_network_for(require_signed_in(request), slug)
    year = query.year or timezone.localdate().year + 1
    return [
        {
            "municipality": c.municipality.name,
            "code": c.municipality.code,
            "last_year": c.last_year,
            "terms": c.terms,
        }
        for c in selectors.propose_chairs(network, year)
    ]


@router.post(
    N + "/chairs", response={201: ChairmanshipOut, **ERRORS}, summary="Utse ordförande (CH2)"
)
def appoint_chairs(
    request: HttpRequest, slug: str, payload: ChairsIn
) -> tuple[int, dict[str, Any]]:
    user = require_signed_in(request)
    network = access.get_chairs_network_for(user, slug, write=True)
    munis = municipalities_by_code(payload.municipalities)
    by_code = {m.code: m for m in munis}
    people = {}
    for code, person_id in payload.people.items():
        if code not in by_code:
            raise ApiError(400, "invalid", _("Personen måste höra till en vald ordförandekommun."))
        people[by_code[code].pk] = people_by_id([person_id])[0]
    term = services.appoint_chairs(
        user,
        network,
        year=payload.year,
        municipalities=munis,
        people=people,
        appointed_on=payload.appointed_on,
    )
    term = Chairmanship.objects.prefetch_related("chairs__municipality", "chairs__person").get(
        pk=term.pk
    )
    return 201, _chairmanship_out(term)


@router.delete(
    N + "/chairs/{pk}", response={204: None, **ERRORS}, summary="Ta bort ett ordförandeskap"
)
def withdraw_chairs(request: HttpRequest, slug: str, pk: int) -> tuple[int, None]:
    user = require_signed_in(request)
    services.withdraw_chairs(user, access.get_chairmanship_for(user, slug, pk))
    return 204, None


# ---- onboarding --------------------------------------------------------------------------------


def _task_out(t: OnboardingTask) -> dict[str, Any]:
    return {
        "id": t.pk,
        "new_member": t.membership.person.name,
        "representative": t.representative.name if t.representative else None,
        "created_on": t.created_on,
        "due_on": t.due_on,
        "done_on": t.done_on,
    }


@router.get(
    N + "/onboarding",
    response={200: list[TaskOut], **ERRORS},
    summary="Introduktionsuppgifter (PR3)",
)
def onboarding(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    network = access.get_onboarding_network_for(require_signed_in(request), slug)
    return [_task_out(t) for t in selectors.onboarding_tasks(network)]


@router.post(
    N + "/onboarding/{pk}/done",
    response={200: TaskOut, **ERRORS},
    summary="Introduktionen är klar (PR3)",
)
def onboarding_done(request: HttpRequest, slug: str, pk: int) -> dict[str, Any]:
    user = require_signed_in(request)
    task = access.get_onboarding_task_for(user, slug, pk, write=True)
    return _task_out(work.complete_onboarding_task(user, task))
