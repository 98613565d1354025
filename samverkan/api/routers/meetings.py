"""Meetings in the API (issue 5, item 7): every action of the pages, through the same services
and selectors; errors come back as JSON naming the rule (e.g. CO1) where one refuses."""

import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, UploadedFile
from pydantic import Field

from samverkan.api.auth import require_signed_in
from samverkan.api.kit import (
    ERRORS,
    NETWORK,
    InSchema,
    LocalTime,
    YearQuery,
    municipality_by_slug,
    operations,
)
from samverkan.cooperation.models import Municipality
from samverkan.meetings import access, feeds, selectors, services
from samverkan.meetings import attendance as attendance_services
from samverkan.meetings.calendar import meeting_ics
from samverkan.meetings.models import STOCKHOLM, AgendaItem, Attachment, Attendance, Meeting
from samverkan.meetings.planning import ProposedMeeting, propose_year
from samverkan.networks.access import get_network_for
from samverkan.people.access import person_for
from samverkan.people.models import Person

router = Router(tags=["Möten"])

M = NETWORK + "/meetings"


# ---- schemas -----------------------------------------------------------------------------------


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    description: str
    kind: str
    outcome: str
    review_outcome: str


class AttendanceOut(Schema):
    person_id: int
    name: str
    municipality: str | None
    status: str
    substitute: bool


class MinutesOut(Schema):
    state: str
    text: str
    version: int
    approved_by: str | None
    approved_at: datetime.datetime | None


class MeetingOut(Schema):
    id: int
    uid: str
    sequence: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    host: str | None
    status: str
    cancel_reason: str
    url: str
    minutes_state: str | None


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    attendance: list[AttendanceOut]
    minutes: MinutesOut | None
    attachments: list[dict[str, Any]]


class MeetingIn(InSchema):
    starts_at: datetime.datetime = Field(
        description="With a UTC offset, e.g. 2027-03-02T09:00+01:00"
    )
    ends_at: datetime.datetime
    place: str = Field("", max_length=300)
    host: str | None = Field(None, max_length=100, description="Municipality slug")
    title: str = Field("", max_length=200)


class PlanIn(InSchema):
    year: int = Field(ge=2000, le=2100)
    weekday: int = Field(ge=0, le=6, description="0 = Monday")
    start_time: LocalTime
    end_time: LocalTime
    skip_months: list[int] = Field(default_factory=list)
    count: int | None = Field(None, ge=1, le=53)


class ProposedOut(Schema):
    day: datetime.date
    start_time: LocalTime
    end_time: LocalTime
    host: str | None
    place: str


class PlanSaveIn(InSchema):
    year: int = Field(ge=2000, le=2100)
    meetings: list[ProposedOut] = Field(max_length=60)


class CancelIn(InSchema):
    reason: str = Field("", max_length=2000)


class AgendaItemIn(InSchema):
    title: str = Field(max_length=300)
    description: str = Field("", max_length=5000)


class MoveItemIn(InSchema):
    up: bool


class AttendanceIn(InSchema):
    status: Literal["present", "absent", "excused"]


class MinutesIn(InSchema):
    text: str = Field("", max_length=50000)
    outcomes: dict[int, str] = Field(
        default_factory=dict,
        description="Agenda item id → outcome",
        # JSON keys are text: say which texts are ids (issue 18).
        json_schema_extra={"propertyNames": {"pattern": "^[1-9][0-9]{0,17}$"}},
    )
    review_outcome: str = Field("", max_length=24)
    version: int | None = None


class FeedIn(InSchema):
    action: Literal["create", "renew", "revoke"] = "create"
    # A new address's last day (issue 13); none: it works until renewed or revoked.
    expires_on: datetime.date | None = None


class FeedOut(Schema):
    """`url` is the secret address only in the answer that made it: only its hash is kept, so
    a live feed is shown without it (renew for a new one)."""

    url: str | None
    created_at: datetime.datetime | None
    expires_on: datetime.date | None = None


class StatRow(Schema):
    label: str
    present: int
    excused: int
    absent: int
    held: int
    share: int
    mostly_absent: bool


class StatsOut(Schema):
    year: int
    held: int
    municipalities: list[StatRow]
    people: list[StatRow]


# ---- shaping -----------------------------------------------------------------------------------


def meeting_out(request: HttpRequest, m: Meeting) -> dict[str, Any]:
    minutes = getattr(m, "minutes", None) if _has_minutes(m) else None
    return {
        "id": m.pk,
        "uid": m.uid,
        "sequence": m.sequence,
        "title": m.display_title,
        "starts_at": m.local_start,
        "ends_at": m.local_end,
        "place": m.place,
        "host": m.host.slug if m.host else None,
        "status": m.status,
        "cancel_reason": m.cancel_reason,
        "url": request.build_absolute_uri(m.get_absolute_url()),
        "minutes_state": minutes.state if minutes else None,
    }


def _has_minutes(m: Meeting) -> bool:
    try:
        return m.minutes is not None
    except Meeting.minutes.RelatedObjectDoesNotExist:  # type: ignore[attr-defined]
        return False


def detail_out(request: HttpRequest, m: Meeting) -> dict[str, Any]:
    minutes = m.minutes if _has_minutes(m) else None
    out = meeting_out(request, m)
    out.update(
        agenda=[
            {
                "id": i.pk,
                "order": i.order,
                "title": i.title,
                "description": i.description,
                "kind": i.kind,
                "outcome": i.outcome,
                "review_outcome": i.review_outcome,
            }
            for i in m.agenda_items.all()
        ],
        attendance=[
            {
                "person_id": a.person_id,
                "name": a.person.name,
                "municipality": a.municipality.name if a.municipality else None,
                "status": a.status,
                "substitute": a.substitute,
            }
            for a in m.attendances.all()
        ],
        minutes=(
            {
                "state": minutes.state,
                "text": minutes.text,
                "version": minutes.version,
                "approved_by": minutes.approved_by.name if minutes.approved_by else None,
                "approved_at": minutes.approved_at,
            }
            if minutes
            else None
        ),
        attachments=[{"id": f.pk, "title": f.title} for f in m.attachments.all()],
    )
    return out


def _meeting(request: HttpRequest, slug: str, meeting_id: int, *, write: bool = False) -> Any:
    return access.get_meeting_for(require_signed_in(request), slug, meeting_id, write=write)


def _detail(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    return detail_out(request, selectors.meeting_detail(meeting.pk, meeting.network))


def _agenda_item(meeting: Meeting, item_id: int) -> AgendaItem:
    return get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)


def _host(slug: str | None) -> Municipality | None:
    return municipality_by_slug(slug) if slug else None


def _aware(value: datetime.datetime) -> datetime.datetime:
    """A time without offset is read as Stockholm time."""
    return value if value.tzinfo else value.replace(tzinfo=STOCKHOLM)


def _meeting_fields(payload: MeetingIn) -> dict[str, Any]:
    """A MeetingIn, as schedule_meeting and move_meeting take it."""
    return {
        "starts_at": _aware(payload.starts_at),
        "ends_at": _aware(payload.ends_at),
        "place": payload.place,
        "host": _host(payload.host),
        "title": payload.title,
    }


# The operations on one meeting answer with the meeting as it is afterwards.
on_meeting = operations(router, M + "/{int:meeting_id}", MeetingDetailOut)


# ---- reads -------------------------------------------------------------------------------------


@router.get(M, response={200: list[MeetingOut], **ERRORS}, summary="Nätverkets möten ett år")
def list_meetings(request: HttpRequest, slug: str, query: Query[YearQuery]) -> list[dict]:
    network = access.get_meetings_network_for(require_signed_in(request), slug)
    year = query.year_or_this()
    return [meeting_out(request, m) for m in selectors.meeting_list(network, year=year)]


@on_meeting("GET", "", "Ett möte")
def get_meeting(request: HttpRequest, slug: str, meeting_id: int) -> dict[str, Any]:
    return _detail(request, _meeting(request, slug, meeting_id))


@router.get(
    M + "/{int:meeting_id}/ics", response={200: None, **ERRORS}, summary="Mötet som iCalendar"
)
def meeting_calendar(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    meeting = _meeting(request, slug, meeting_id)
    return HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")


@router.get(
    NETWORK + "/attendance",
    response={200: StatsOut, **ERRORS},
    summary="Närvaro per kommun och person ett år (P3)",
)
def attendance_statistics(request: HttpRequest, slug: str, query: Query[YearQuery]) -> Any:
    network = access.get_meetings_network_for(require_signed_in(request), slug)
    stats = selectors.attendance_stats(network, query.year_or_this())

    def rows(items: list[selectors.AttendanceRow]) -> list[dict[str, Any]]:
        return [
            {
                "label": r.label,
                "present": r.present,
                "excused": r.excused,
                "absent": r.absent,
                "held": r.held,
                "share": r.share,
                "mostly_absent": r.mostly_absent,
            }
            for r in items
        ]

    return {
        "year": stats.year,
        "held": stats.held,
        "municipalities": rows(stats.municipalities),
        "people": rows(stats.people),
    }


# ---- planning and single meetings --------------------------------------------------------------


@router.post(
    M + "/proposal",
    response={200: list[ProposedOut], **ERRORS},
    summary="Föreslå ett års möten (sparar inget)",
)
def propose(request: HttpRequest, slug: str, payload: PlanIn) -> list[dict[str, Any]]:
    network = access.get_meetings_network_for(require_signed_in(request), slug, manage=True)
    proposal = propose_year(
        network,
        year=payload.year,
        weekday=payload.weekday,
        start_time=payload.start_time,
        end_time=payload.end_time,
        skip_months=set(payload.skip_months),
        count=payload.count,
    )
    return [
        {
            "day": p.day,
            "start_time": p.start_time,
            "end_time": p.end_time,
            "host": p.host.slug if p.host else None,
            "place": p.place,
        }
        for p in proposal
    ]


@router.post(
    M + "/plan",
    response={201: list[MeetingOut], **ERRORS},
    summary="Spara ett (justerat) års möten, alla eller inga",
)
def plan(request: HttpRequest, slug: str, payload: PlanSaveIn) -> tuple[int, list[dict]]:
    user = require_signed_in(request)
    network = access.get_meetings_network_for(user, slug, manage=True)
    drafts = [
        ProposedMeeting(
            day=m.day,
            start_time=m.start_time,
            end_time=m.end_time,
            host=_host(m.host),
            place=m.place,
        )
        for m in payload.meetings
    ]
    saved = services.plan_year(user, network, year=payload.year, meetings=drafts)
    return 201, [meeting_out(request, m) for m in saved]


@router.post(M, response={201: MeetingDetailOut, **ERRORS}, summary="Lägg in ett möte")
def create_meeting(request: HttpRequest, slug: str, payload: MeetingIn) -> tuple[int, dict]:
    user = require_signed_in(request)
    network = access.get_meetings_network_for(user, slug, manage=True)
    meeting = services.schedule_meeting(user, network, **_meeting_fields(payload))
    return 201, _detail(request, meeting)


@on_meeting("PATCH", "", "Flytta eller ändra ett möte")
def move(request: HttpRequest, slug: str, meeting_id: int, payload: MeetingIn) -> Any:
    meeting = _meeting(request, slug, meeting_id, write=True)
    meeting = services.move_meeting(request.user, meeting, **_meeting_fields(payload))
    return _detail(request, meeting)


@on_meeting("POST", "/cancel", "Ställ in ett möte")
def cancel(request: HttpRequest, slug: str, meeting_id: int, payload: CancelIn) -> Any:
    meeting = _meeting(request, slug, meeting_id, write=True)
    return _detail(request, services.cancel_meeting(request.user, meeting, reason=payload.reason))


# ---- agenda, attachments, minutes --------------------------------------------------------------


@on_meeting("POST", "/agenda", "Lägg till en dagordningspunkt", status=201)
def add_item(request: HttpRequest, slug: str, meeting_id: int, payload: AgendaItemIn) -> Any:
    meeting = _meeting(request, slug, meeting_id, write=True)
    services.add_agenda_item(
        request.user, meeting, title=payload.title, description=payload.description
    )
    return 201, _detail(request, meeting)


@on_meeting("POST", "/agenda/{int:item_id}/move", "Flytta en punkt upp eller ner")
def move_item(
    request: HttpRequest, slug: str, meeting_id: int, item_id: int, payload: MoveItemIn
) -> Any:
    meeting = _meeting(request, slug, meeting_id, write=True)
    services.move_agenda_item(request.user, _agenda_item(meeting, item_id), up=payload.up)
    return _detail(request, meeting)


@on_meeting("DELETE", "/agenda/{int:item_id}", "Ta bort en punkt")
def remove_item(request: HttpRequest, slug: str, meeting_id: int, item_id: int) -> Any:
    meeting = _meeting(request, slug, meeting_id, write=True)
    services.remove_agenda_item(request.user, _agenda_item(meeting, item_id))
    return _detail(request, meeting)


@on_meeting("POST", "/attachments", "Ladda upp en bilaga", status=201)
def add_attachment(
    request: HttpRequest,
    slug: str,
    meeting_id: int,
    file: File[UploadedFile],
    title: Form[str] = "",
) -> Any:
    meeting = _meeting(request, slug, meeting_id, write=True)
    services.add_attachment(request.user, meeting, title=title, file=file)
    return 201, _detail(request, meeting)


@on_meeting("DELETE", "/attachments/{int:attachment_id}", "Ta bort en bilaga")
def remove_attachment(request: HttpRequest, slug: str, meeting_id: int, attachment_id: int) -> Any:
    meeting = _meeting(request, slug, meeting_id, write=True)
    services.remove_attachment(
        request.user, get_object_or_404(Attachment, pk=attachment_id, meeting=meeting)
    )
    return _detail(request, meeting)


@on_meeting("PUT", "/minutes", "Skriv protokollet (utkast)")
def save_minutes(request: HttpRequest, slug: str, meeting_id: int, payload: MinutesIn) -> Any:
    meeting = _meeting(request, slug, meeting_id, write=True)
    services.save_minutes(
        request.user,
        meeting,
        text=payload.text,
        outcomes=payload.outcomes,
        review_outcome=payload.review_outcome,
        expected_version=payload.version,
    )
    return _detail(request, meeting)


@on_meeting("POST", "/minutes/approve", "Justera protokollet")
def approve_minutes(request: HttpRequest, slug: str, meeting_id: int) -> Any:
    meeting = _meeting(request, slug, meeting_id, write=True)
    services.approve_minutes(request.user, meeting)
    return _detail(request, meeting)


# ---- attendance (CO1) --------------------------------------------------------------------------


@on_meeting(
    "PUT",
    "/attendance/{int:person_id}",
    "Registrera närvaro (CO1: bara medlemmar där ersättare inte är tillåtna)",
)
def record(
    request: HttpRequest, slug: str, meeting_id: int, person_id: int, payload: AttendanceIn
) -> Any:
    meeting = _meeting(request, slug, meeting_id)
    person = get_object_or_404(Person, pk=person_id)
    attendance_services.record_attendance(
        request.user, meeting, person=person, status=payload.status
    )
    return _detail(request, meeting)


@on_meeting("DELETE", "/attendance/{int:person_id}", "Ta bort en närvaropost")
def unrecord(request: HttpRequest, slug: str, meeting_id: int, person_id: int) -> Any:
    meeting = _meeting(request, slug, meeting_id)
    row = get_object_or_404(Attendance, meeting=meeting, person_id=person_id)
    attendance_services.remove_attendance(request.user, row)
    return _detail(request, meeting)


# ---- calendar feeds ----------------------------------------------------------------------------


def _feed_out(change: feeds.FeedChange) -> dict[str, Any]:
    feed = change.feed
    return {
        "url": change.url,
        "created_at": feed.created_at if feed else None,
        "expires_on": feed.expires_on if feed else None,
    }


@router.post(
    NETWORK + "/calendar-feed",
    response={200: FeedOut, **ERRORS},
    summary="Min adress till nätverkets kalenderflöde: skapa, byt eller spärra den",
)
def network_feed(request: HttpRequest, slug: str, payload: FeedIn) -> dict[str, Any]:
    user = require_signed_in(request)
    network = get_network_for(user, slug)
    return _feed_out(
        feeds.change_feed(user, payload.action, network=network, expires_on=payload.expires_on)
    )


@router.post(
    "/me/calendar-feed",
    response={200: FeedOut, **ERRORS},
    summary="Mitt kalenderflöde: skapa, byt eller spärra den hemliga adressen",
)
def my_feed(request: HttpRequest, payload: FeedIn) -> dict[str, Any]:
    user = require_signed_in(request)
    person = person_for(user)
    if person is None:
        raise PermissionDenied(_("Kontot hör inte till någon person."))
    return _feed_out(
        feeds.change_feed(user, payload.action, person=person, expires_on=payload.expires_on)
    )
