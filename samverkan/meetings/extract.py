"""The meetings room's part of a person's register extract (issue 15 §1): attendance (P3),
calendar feeds (dates, never the secret address), minutes approved and files uploaded."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from samverkan.meetings.models import Attachment, Attendance, CalendarFeed, Minutes
from samverkan.people.extract import day, extract_part, history_subjects, moment, text
from samverkan.people.models import Person


@extract_part(
    "attendance",
    _("Närvaro på möten"),
    order=50,
    labels={
        "network": _("Nätverk"),
        "meeting": _("Möte"),
        "starts_at": _("Tid"),
        "status": _("Närvaro"),
        "municipality": _("För kommun"),
        "substitute": _("Ersättare"),
    },
)
def attendance(person: Person) -> list[dict[str, Any]]:
    rows = (
        Attendance.objects.filter(person=person)
        .select_related("meeting__network", "municipality")
        .order_by("meeting__starts_at", "pk")
    )
    return [
        {
            "network": a.meeting.network.name,
            "meeting": a.meeting.display_title,
            "starts_at": moment(a.meeting.starts_at),
            "status": text(a.get_status_display()),
            "municipality": text(a.municipality),
            "substitute": a.substitute,
        }
        for a in rows
    ]


@extract_part(
    "minutes_approved",
    _("Justerade protokoll"),
    order=52,
    labels={"network": _("Nätverk"), "meeting": _("Möte"), "approved_at": _("Justerat")},
)
def minutes_approved(person: Person) -> list[dict[str, Any]]:
    rows = (
        Minutes.objects.filter(approved_by=person)
        .select_related("meeting__network")
        .order_by("approved_at", "pk")
    )
    return [
        {
            "network": m.meeting.network.name,
            "meeting": m.meeting.display_title,
            "approved_at": moment(m.approved_at),
        }
        for m in rows
    ]


@extract_part(
    "attachments",
    _("Uppladdade bilagor till möten"),
    order=54,
    labels={
        "network": _("Nätverk"),
        "meeting": _("Möte"),
        "title": _("Rubrik"),
        "uploaded_at": _("Uppladdad"),
    },
)
def attachments(person: Person) -> list[dict[str, Any]]:
    rows = (
        Attachment.objects.filter(uploaded_by=person)
        .select_related("meeting__network")
        .order_by("uploaded_at", "pk")
    )
    return [
        {
            "network": a.meeting.network.name,
            "meeting": a.meeting.display_title,
            "title": a.title,
            "uploaded_at": moment(a.uploaded_at),
        }
        for a in rows
    ]


@extract_part(
    "calendar_feeds",
    _("Kalenderflöden"),
    order=56,
    labels={
        "network": _("Nätverk"),
        "created_at": _("Skapat"),
        "expires_on": _("Gäller till och med"),
        "revoked_at": _("Spärrat"),
    },
    note=_("Den hemliga adressen sparas inte och finns inte med."),
)
def calendar_feeds(person: Person) -> list[dict[str, Any]]:
    rows = CalendarFeed.objects.filter(person=person).select_related("network")
    return [
        {
            "network": f.network.name if f.network else str(_("Mina möten")),
            "created_at": moment(f.created_at),
            "expires_on": day(f.expires_on),
            "revoked_at": moment(f.revoked_at),
        }
        for f in rows.order_by("created_at", "pk")
    ]


@history_subjects
def attendance_rows(person: Person) -> list[tuple[type[Attendance], list[int]]]:
    return [(Attendance, list(person.attendances.order_by().values_list("pk", flat=True)))]
