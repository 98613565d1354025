"""Every meeting of a network in its export and archive package (issue 15 §4): when and where,
the agenda with what was decided, the minutes and the attendance list, and the attachments.
In the package each meeting is a folder of its own; records/archive adds the agenda and the
approved minutes as PDF/A."""

import posixpath
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from samverkan.meetings.models import Attendance, Meeting
from samverkan.networks.lifecycle.export import CHUNK, StoredFile, d, export_part, name_of
from samverkan.networks.models import Network


def meeting_folder(item: dict[str, Any]) -> str:
    """A meeting's folder in the package: its day first, so the folders sort by date."""
    return f"{item['starts_at'][:10]}-{item['id']}"


def attachment_name(pk: int, storage_name: str) -> str:
    return f"attachments/{pk}-{posixpath.basename(storage_name)}"


def meeting_files(item: dict[str, Any]) -> list[StoredFile]:
    return [
        StoredFile(attachment_name(a["id"], a["file"]), a["file"])
        for a in item["attachments"]
        if a["file"]
    ]


def _meeting(m: Meeting) -> dict[str, Any]:
    minutes = getattr(m, "minutes", None)
    return {
        "id": m.pk,
        "title": m.display_title,
        "starts_at": d(m.starts_at),
        "ends_at": d(m.ends_at),
        "place": m.place,
        "host": name_of(m.host),
        "status": m.status,
        "cancel_reason": m.cancel_reason,
        "agenda": [
            {
                "order": i.order,
                "title": i.title,
                "description": i.description,
                "kind": i.kind,
                "outcome": i.outcome,
                "review_outcome": i.review_outcome,
            }
            for i in m.agenda_items.all()
        ],
        "minutes": None
        if minutes is None
        else {
            "state": minutes.state,
            "text": minutes.text,
            "approved_by": name_of(minutes.approved_by),
            "approved_at": d(minutes.approved_at),
        },
        "attendance": [
            {
                "person": a.person.name,
                "municipality": name_of(a.municipality),
                "status": a.status,
                "substitute": a.substitute,
            }
            for a in m.attendances.all()
        ],
        "attachments": [
            {"id": a.pk, "title": a.title, "file": a.file.name, "uploaded_at": d(a.uploaded_at)}
            for a in m.attachments.all()
        ],
    }


@export_part(
    "meetings",
    _("Möten med dagordning, protokoll och närvaro"),
    order=50,
    each=True,
    item_name=meeting_folder,
    files=meeting_files,
)
def meetings_part(network: Network) -> Iterator[dict[str, Any]]:
    meetings = (
        Meeting.objects.filter(network=network)
        .select_related("host", "minutes__approved_by", "network")
        .prefetch_related(
            "agenda_items",
            "attachments",
            Prefetch(
                "attendances",
                queryset=Attendance.objects.select_related("person", "municipality").order_by(
                    "person__name", "pk"
                ),
            ),
        )
        .order_by("starts_at", "pk")
    )
    for meeting in meetings.iterator(chunk_size=CHUNK):
        yield _meeting(meeting)
