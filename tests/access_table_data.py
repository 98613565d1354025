"""The objects, URL parameters and request bodies of the access truth table
(tests/test_access_table.py).

`build_world(cast)` makes one of each object the URL patterns and API operations name (a
meeting, a matter, a material, a question, a survey round, a cost, ...), through the apps'
services as a user would, all in the cast's `network`. `page_kwargs(world)` fills every named
URL pattern's parameters; `api_path(world, path)` fills an OpenAPI path's; `api_body(...)`
gives a request body that passes the API's validation, so that the answer is the access
decision and not a 422.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samverkan.agreements import matters as agreement_matters
from samverkan.agreements import services as agreement_services
from samverkan.agreements.models import OnboardingTask
from samverkan.costs import services as cost_services
from samverkan.meetings import attendance as attendance_services
from samverkan.meetings import feeds
from samverkan.meetings import services as meeting_services
from samverkan.meetings.models import STOCKHOLM
from samverkan.networks import services as network_services
from samverkan.networks.lifecycle import services as lifecycle_services
from samverkan.networks.lifecycle.tokens import make_answer_token
from samverkan.networks.material import services as material_services
from samverkan.networks.models import Membership, Participation, Question
from samverkan.notifications import services as notification_services
from samverkan.people import addresses
from samverkan.surveys import services as survey_services
from samverkan.surveys import tokens as survey_tokens
from samverkan.surveys.models import Invitation
from tests.agreements.helpers import adopt
from tests.cast import START, Cast, make_person

# The columns of every row, in this order.
ROLES = ["anonymous", "reader", "member", "secretary", "outsider", "coordinator", "secretariat"]

TODAY = timezone.localdate()
YEAR = TODAY.year
NEXT_YEAR = YEAR + 1
# Every date is relative to today, so that the world is the same whenever the tests run.
# A meeting that has been held (it has minutes and attendance):
MEETING_DAY = TODAY - datetime.timedelta(days=20)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=STOCKHOLM)


@dataclass
class World:
    """What the patterns name, by id; everything belongs to cast.network unless said."""

    cast: Cast
    network_slug: str
    municipality_slug: str
    municipality_code: str
    participation: int
    answer_token: str
    membership: int  # the member's
    request: int  # a participation request (the member asks for Klippan to leave)
    material: int
    question: int  # asked by the member
    matter: int
    working_group: int
    plan_year: int
    focus_area: int
    chairmanship: int
    onboarding_task: int
    meeting: int
    agenda_item: int
    attachment: int
    feed_token: str
    cost: int
    survey: int  # a closed round: results are out
    survey_question: int
    survey_question_key: str
    survey_token: str  # the member's link to an open round
    notification: int  # the member's
    contact: int  # a management contact of the municipality
    person: int  # the member's person id
    email_token: str  # the member's link confirming a new e-mail address

    def user(self, name: str) -> Any:
        return self.cast.user(name)


def build_world(cast: Cast) -> World:
    coordinator = cast.user("coordinator")
    secretary = cast.user("secretary")
    secretariat = cast.user("secretariat")
    member = cast.user("member")
    network = cast.network
    bjuv, klippan = cast.muni("Bjuv"), cast.muni("Klippan")

    # Agreements: two versions (cost sharing by population, an onboarding representative).
    adopt(cast)
    adopt(cast, text="Överenskommelse, version 2", adopted_on=datetime.date(2025, 1, 1))
    matter = agreement_matters.record_matter(
        coordinator, network, title="Gemensam upphandling", concerned=[bjuv, klippan]
    )
    agreement_matters.mandate(
        coordinator,
        network,
        matter=matter,
        people=[cast.people["member"]],
        arena="Regionens beredning",
        start_on=TODAY - datetime.timedelta(days=30),
    )
    group = agreement_matters.start_working_group(
        coordinator,
        network,
        name="Arbetsgrupp IT",
        contact=cast.people["member"],
        members=[cast.people["member"]],
    )
    plan = agreement_services.save_business_plan(
        coordinator, network, year=NEXT_YEAR, summary="Plan"
    )
    focus_area = agreement_services.save_focus_area(
        coordinator, plan, name="Kompetens", municipalities=[bjuv, klippan]
    )
    chairs = agreement_services.appoint_chairs(
        coordinator, network, year=NEXT_YEAR, municipalities=[bjuv, klippan]
    )
    newcomer = make_person("Nora Nykomling", cast.muni("Perstorp"), account=False)
    network_services.add_membership(coordinator, network, person=newcomer)
    task = OnboardingTask.objects.get(network=network, membership__person=newcomer)

    # Lifecycle, material and questions.
    # Bjuv was invited when the network started (the cast makes participations without the
    # invitation), so that an answer to it is refused for who answers, not for what.
    Participation.objects.filter(network=network, municipality=bjuv).update(invited_on=START)
    participation = Participation.objects.get(network=network, municipality=bjuv)
    answer_token = make_answer_token(participation.pk, cast.people["reader"].pk)
    leave = lifecycle_services.request_leave(
        member, network, municipality=klippan, reason="Omorganisation"
    )
    material = material_services.add_material(
        coordinator,
        network,
        title="Affisch",
        file=SimpleUploadedFile("affisch.pdf", b"%PDF-1.4 access table"),
    )
    cast.cooperation.logo.save("logga.png", ContentFile(b"\x89PNG\r\n\x1a\n" + bytes(16)))
    question = material_services.ask_question(
        member, network, topic=Question.Topic.values[0], subject="Logotyp", text="Får vi?"
    )
    contact = lifecycle_services.add_management_contact(
        secretariat, bjuv, area=cast.area, email="chef@bjuv.example.se", name="Bo Chef"
    )

    # A meeting that was held: agenda, attachment, attendance and minutes; the network's feed.
    meeting = meeting_services.schedule_meeting(
        secretary,
        network,
        starts_at=at(MEETING_DAY, 9),
        ends_at=at(MEETING_DAY, 12),
        place="Kommunhuset, Bjuv",
    )
    item = meeting_services.add_agenda_item(secretary, meeting, title="Budget")
    meeting_services.add_agenda_item(secretary, meeting, title="Övrigt")
    attachment = meeting_services.add_attachment(
        secretary,
        meeting,
        title="Underlag",
        file=SimpleUploadedFile("underlag.pdf", b"%PDF-1.4 underlag"),
    )
    attendance_services.record_attendance(
        secretary, meeting, person=cast.people["member"], status="present"
    )
    meeting_services.save_minutes(secretary, meeting, text="Protokoll")
    _feed, feed_token = feeds.create_feed(member, network=network)  # the member's own

    # Costs (shared by population, from the agreement).
    cost = cost_services.record_cost(
        coordinator,
        network,
        date=TODAY - datetime.timedelta(days=10),
        description="Konferens",
        amount_ore=1_000_000,
    )

    # Surveys: a closed round with results, and an open one with the member's link.
    opened, closes = TODAY - datetime.timedelta(days=60), TODAY - datetime.timedelta(days=31)
    closed = survey_services.create_round(
        secretariat, title="Enkät förut", opens_on=opened, closes_on=closes
    )
    survey_services.open_round(secretariat, closed, today=opened)
    survey_services.close_round(secretariat, closed, today=closes + datetime.timedelta(days=1))
    survey_question = closed.questions.order_by("order").first()
    assert survey_question is not None
    current = survey_services.create_round(
        secretariat,
        title="Enkät nu",
        opens_on=TODAY,
        closes_on=TODAY + datetime.timedelta(days=20),
    )
    survey_services.open_round(secretariat, current, today=TODAY)
    invitation = Invitation.objects.get(
        round=current, person=cast.people["member"], network=network
    )

    (notification,) = notification_services.notify(
        [cast.people["member"]],
        kind="test",
        subject="Till medlemmen",
        body="Hej",
        key="access-table:1",
        network=network,
    )
    membership = Membership.objects.get(
        network=network, person=cast.people["member"], role=Membership.Role.MEMBER
    )
    member = cast.people["member"]
    email_token = addresses.ask_to_change(member, "ny.adress@example.se")
    member.save()
    return World(
        cast=cast,
        network_slug=network.slug,
        municipality_slug=bjuv.slug,
        municipality_code=bjuv.code,
        participation=participation.pk,
        answer_token=answer_token,
        membership=membership.pk,
        request=leave.pk,
        material=material.pk,
        question=question.pk,
        matter=matter.pk,
        working_group=group.pk,
        plan_year=NEXT_YEAR,
        focus_area=focus_area.pk,
        chairmanship=chairs.pk,
        onboarding_task=task.pk,
        meeting=meeting.pk,
        agenda_item=item.pk,
        attachment=attachment.pk,
        feed_token=feed_token,
        cost=cost.pk,
        survey=closed.pk,
        survey_question=survey_question.pk,
        survey_question_key=survey_question.key,
        survey_token=survey_tokens.token_for(invitation.nonce),
        notification=notification.pk,
        contact=contact.pk,
        person=cast.people["member"].pk,
        email_token=email_token,
    )


# ---- pages -------------------------------------------------------------------------------------


def page_kwargs(w: World) -> dict[str, dict[str, Any]]:
    """reverse() kwargs of every named URL pattern that takes parameters."""
    net = {"slug": w.network_slug}
    meeting = {**net, "pk": w.meeting}
    return {
        "networks:answer_link": {"token": w.answer_token},
        "people:verify_email": {"token": w.email_token},
        "networks:detail": net,
        "networks:plan_edit": {**net, "year": YEAR},
        "networks:plan_comment": {**net, "year": YEAR},  # Issue 16 part A
        "networks:members": net,
        "networks:member_end": {**net, "pk": w.membership},
        "networks:progress": net,
        "networks:answer": {**net, "pk": w.participation},
        "networks:invite": net,
        "networks:activate": net,
        "networks:participation": net,
        "networks:decide": {**net, "pk": w.request},
        "networks:close": net,
        "networks:export": net,
        "networks:material": net,
        "networks:review": {**net, "pk": w.material},
        "networks:questions": net,
        "networks:question": {**net, "pk": w.question},
        "agreements:agreement": net,
        "agreements:agreement_edit": net,
        "agreements:agreement_diff": net,
        "agreements:review": net,
        "agreements:overview": net,
        "agreements:matters": net,
        "agreements:matter": {**net, "pk": w.matter},
        "agreements:mandates": net,
        "agreements:working_groups": net,
        "agreements:working_group": {**net, "pk": w.working_group},
        "agreements:business_plan": {**net, "year": w.plan_year},
        "agreements:focus_area_remove": {**net, "year": w.plan_year, "pk": w.focus_area},
        "agreements:chairs": net,
        "agreements:chairs_withdraw": {**net, "pk": w.chairmanship},
        "agreements:chairs_correct": {**net, "pk": w.chairmanship},
        "agreements:onboarding": net,
        "agreements:onboarding_done": {**net, "pk": w.onboarding_task},
        "meetings:feed": {"token": w.feed_token},
        "meetings:list": net,
        "meetings:plan_year": net,
        "meetings:new": net,
        "meetings:statistics": net,
        "meetings:network_feed": net,
        "meetings:detail": meeting,
        "meetings:edit": meeting,
        "meetings:cancel": meeting,
        "meetings:agenda_add": meeting,
        "meetings:agenda_item": {**meeting, "item": w.agenda_item},
        "meetings:attachment_add": meeting,
        "meetings:attachment": {**meeting, "file": w.attachment},
        "meetings:attendance": meeting,
        "meetings:own_attendance": meeting,
        "meetings:minutes": meeting,
        "meetings:pdf": {**meeting, "kind": "dagordning"},
        "meetings:ics": meeting,
        "costs:export": {"kind": "kommuner", "fmt": "csv"},
        "costs:network": net,
        "costs:detail": {"pk": w.cost},
        "costs:action": {"pk": w.cost, "action": "fakturera"},
        "surveys:answer": {"token": w.survey_token},
        "surveys:round": {"pk": w.survey},
        "surveys:question_remove": {"pk": w.survey, "qid": w.survey_question},
        "surveys:results": {"pk": w.survey},
        "surveys:export": {"pk": w.survey, "fmt": "csv"},
        "surveys:action": {"pk": w.survey, "action": "skicka"},
        "dashboard:lifecycle": {"kind": "inaktiva"},
        "dashboard:duties": {"kind": "forsenade"},  # Issue 16 part E
        "reports:matrix_export": {"fmt": "csv"},
        "reports:yearly": {"year": YEAR},
        "reports:yearly_pdf": {"year": YEAR},
        "reports:yearly_send": {"year": YEAR},
        "notifications:detail": {"pk": w.notification},
        "notifications:read": {"pk": w.notification},
        "municipalities:detail": {"slug": w.municipality_slug},
        "municipalities:contact_add": {"slug": w.municipality_slug},
        "municipalities:contact_remove": {"slug": w.municipality_slug, "pk": w.contact},
        "records:person": {"pk": w.cast.people["member"].pk},
        "records:end_person": {"pk": w.cast.people["member"].pk},
        "records:extract_pdf": {"pk": w.cast.people["member"].pk},
        "records:extract_json": {"pk": w.cast.people["member"].pk},
        "records:archive_package": net,
        "api-unknown": {"rest": "no-such-route"},
        "files:material": {"pk": w.material, "name": "affisch.pdf"},
        "files:attachment": {"pk": w.attachment, "name": "underlag.pdf"},
        "files:logo": {"pk": w.cast.cooperation.pk, "name": "logga.png"},
    }


# The form a page's POST sends where the page checks access only after its form is valid (the
# service decides); every other page is posted an empty form.
PAGE_POST_DATA: dict[str, dict[str, str]] = {
    "networks:answer": {"answer": "yes"},
}


# ---- API ---------------------------------------------------------------------------------------


def _path_values(w: World) -> dict[tuple[str, str], Any]:
    """(the path segment before a parameter, its name) → value."""
    return {
        ("networks", "slug"): w.network_slug,
        ("compliance", "slug"): w.network_slug,
        ("municipalities", "slug"): w.municipality_slug,
        ("matters", "pk"): w.matter,
        ("people", "pk"): w.person,
        ("working-groups", "pk"): w.working_group,
        ("business-plans", "year"): w.plan_year,
        ("focus-areas", "pk"): w.focus_area,
        ("chairs", "pk"): w.chairmanship,
        ("onboarding", "pk"): w.onboarding_task,
        ("meetings", "meeting_id"): w.meeting,
        ("agenda", "item_id"): w.agenda_item,
        ("attachments", "attachment_id"): w.attachment,
        ("attendance", "person_id"): w.person,
        ("invitations", "municipality"): w.municipality_slug,
        ("participation-requests", "request_id"): w.request,
        ("material", "material_id"): w.material,
        ("questions", "question_id"): w.question,
        ("management-contacts", "contact_id"): w.contact,
        ("notifications", "notification_id"): w.notification,
        ("costs", "cost_id"): w.cost,
        ("surveys", "round_id"): w.survey,
        ("questions", "key"): w.survey_question_key,
        ("answer", "token"): w.survey_token,
    }


def api_path(w: World, path: str) -> str:
    """/networks/{slug}/matters/{pk}/status → /api/v1/networks/socialchefsnatverket/…"""
    values = _path_values(w)
    parts = path.strip("/").split("/")
    out = []
    for i, part in enumerate(parts):
        if part.startswith("{"):
            out.append(str(values[(parts[i - 1], part.strip("{}"))]))
        else:
            out.append(part)
    return "/api/v1/" + "/".join(out)


def _example(schema: dict[str, Any], components: dict[str, Any], name: str = "") -> Any:
    """A value that passes `schema` (the required parts only)."""
    if "$ref" in schema:
        return _example(components[schema["$ref"].rsplit("/", 1)[-1]], components, name)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            choices = [s for s in schema[key] if s.get("type") != "null"]
            return _example(choices[0], components, name)
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        props = schema.get("properties", {})
        return {k: _example(props[k], components, k) for k in required if k in props}
    if kind == "array":
        return []
    if kind == "boolean":
        return False
    if kind in ("integer", "number"):
        if "year" in name:
            return NEXT_YEAR
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
        return max(1, int(low))
    fmt = schema.get("format", "")
    if fmt == "date":
        return TODAY.isoformat()
    if fmt == "date-time":
        return at(TODAY + datetime.timedelta(days=30), 9).isoformat()
    if fmt == "time":
        return "09:00:00"
    if fmt == "binary":
        return SimpleUploadedFile("fil.pdf", b"%PDF-1.4 access table")
    return "Text"


# Bodies that the schema alone cannot give: values that must name the world's objects or pass
# a rule's first check, so that a permitted caller gets past validation to the service.
BODY_OVERRIDES: dict[str, Callable[[World], dict[str, Any]]] = {
    "POST /networks/{slug}/matters": lambda w: {
        "title": "Ny fråga",
        "concerned": [w.municipality_code, "1276"],
    },
    "POST /networks/{slug}/matters/{pk}/mandates": lambda w: {
        "people": [w.person],
        "arena": "Regionen",
        "start_on": TODAY.isoformat(),
    },
    "POST /networks/{slug}/working-groups": lambda w: {"name": "Ny grupp", "contact": w.person},
    "POST /networks/{slug}/working-groups/{pk}/contact": lambda w: {"contact": w.person},
    "POST /networks/{slug}/matters/{pk}/status": lambda w: {"status": "in_preparation"},
    "POST /networks/{slug}/chairs": lambda w: {
        "year": NEXT_YEAR + 1,
        "municipalities": [w.municipality_code, "1276"],
    },
    "POST /networks/{slug}/meetings": lambda w: {
        "starts_at": at(TODAY + datetime.timedelta(days=30), 9).isoformat(),
        "ends_at": at(TODAY + datetime.timedelta(days=30), 12).isoformat(),
    },
    "PATCH /networks/{slug}/meetings/{meeting_id}": lambda w: {
        "starts_at": at(MEETING_DAY, 10).isoformat(),
        "ends_at": at(MEETING_DAY, 13).isoformat(),
    },
    "POST /networks/{slug}/meetings/plan": lambda w: {"year": NEXT_YEAR, "meetings": []},
    "POST /networks/{slug}/meetings/proposal": lambda w: {
        "year": NEXT_YEAR,
        "weekday": 1,
        "start_time": "09:00:00",
        "end_time": "12:00:00",
    },
    "PUT /networks/{slug}/meetings/{meeting_id}/attendance/{person_id}": lambda w: {
        "status": "present"
    },
    "POST /networks/{slug}/participation-requests": lambda w: {
        "kind": "join",
        "municipality": w.municipality_slug,
    },
    "POST /networks/{slug}/questions": lambda w: {
        "topic": Question.Topic.values[0],
        "subject": "Rubrik",
        "text": "Text",
    },
    "POST /proposals": lambda w: {"name": "Nytt nätverk", "area": "socialtjanst", "reason": "Ja"},
    "POST /networks/{slug}/invitations/{municipality}/answer": lambda w: {"answer": "yes"},
    "POST /municipalities/{slug}/management-contacts": lambda w: {
        "area": "socialtjanst",
        "email": "ny@bjuv.example.se",
        "name": "Ny Chef",
    },
}


def api_body(w: World, key: str, operation: dict[str, Any], components: dict[str, Any]) -> Any:
    """(content type, body) for an operation, or (None, None) when it takes no body."""
    content = operation.get("requestBody", {}).get("content", {})
    if not content:
        return None, None
    content_type, spec = next(iter(content.items()))
    body = _example(spec["schema"], components)
    if key in BODY_OVERRIDES:
        body = {**body, **BODY_OVERRIDES[key](w)}
    return content_type, body


def api_query(operation: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    """Values for an operation's required query parameters."""
    return {
        p["name"]: _example(p.get("schema", {}), components, p["name"])
        for p in operation.get("parameters", [])
        if p["in"] == "query" and p.get("required")
    }
