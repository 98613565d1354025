"""The caller's inbox in the API (issue 3, item 5): notices, mark read, mark all read."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from samverkan.api.auth import require_signed_in
from samverkan.api.kit import ERRORS
from samverkan.notifications import services as notification_services
from samverkan.notifications.models import Notification
from samverkan.people.access import person_for

router = Router(tags=["Inkorg"])


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    network: str | None
    created_at: datetime.datetime
    read_at: datetime.datetime | None


# ---- my inbox ------------------------------------------------------------------------------------


def _me(request: HttpRequest) -> Any:
    user = require_signed_in(request)
    person = person_for(user)
    if person is None:
        raise PermissionDenied(_("Kontot är inte kopplat till någon person."))
    return person


@router.get(
    "/notifications",
    response={200: list[NotificationOut], **ERRORS},
    summary="Min inkorg (de 100 senaste)",
)
def inbox(request: HttpRequest, unread: bool = False) -> Any:
    rows = Notification.objects.filter(recipient=_me(request)).select_related("network")
    if unread:
        rows = rows.filter(read_at__isnull=True)
    return [
        {
            "id": n.pk,
            "kind": n.kind,
            "subject": n.subject,
            "body": n.shown_body,
            "network": n.network.slug if n.network else None,
            "created_at": n.created_at,
            "read_at": n.read_at,
        }
        for n in rows[:100]
    ]


@router.post(
    "/notifications/{int:notification_id}/read",
    response={204: None, **ERRORS},
    summary="Markera som läst",
)
def read(request: HttpRequest, notification_id: int) -> Any:
    person = _me(request)
    notification = get_object_or_404(Notification, pk=notification_id, recipient=person)
    notification_services.mark_read(person, notification)
    return 204, None


@router.post(
    "/notifications/read-all",
    response={200: dict[str, int], **ERRORS},
    summary="Markera alla som lästa",
)
def read_all(request: HttpRequest) -> Any:
    return {"marked": notification_services.mark_all_read(_me(request))}
