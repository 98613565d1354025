"""Who attended: members register themselves, the secretary marks the list (P3). Where the
agreement allows no substitutes, only the network's current members can be on it (CO1)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from samverkan.agreements.selectors import agreement_parameters
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.core.races import conflict_on_unique
from samverkan.history.context import acting
from samverkan.meetings.access import (
    require_can_record_attendance,
    require_can_remove_attendance,
)
from samverkan.meetings.models import Attendance, Meeting
from samverkan.networks.access import can_manage_meetings
from samverkan.networks.models import Membership
from samverkan.people.access import person_for
from samverkan.people.models import Person


def _membership_on_day(meeting: Meeting, person: Person) -> Membership | None:
    """The person's membership of the network on the meeting's day (any role counts; a
    membership for a municipality is preferred, to credit the right municipality)."""
    return (
        Membership.objects.on(meeting.local_start.date())
        .filter(network_id=meeting.network_id, person=person)
        .order_by(F("municipality_id").asc(nulls_last=True), "role")
        .select_related("municipality")
        .first()
    )


def record_attendance(actor: Any, meeting: Meeting, *, person: Person, status: str) -> Attendance:
    """Put a person on the list as present, absent or excused.

    A member may register their own attendance; the coordinator and secretary anyone's. CO1:
    where the agreement allows no substitutes, someone who is not a member of the network on
    the meeting's day is refused."""
    require_can_record_attendance(actor, meeting, person)
    manages = can_manage_meetings(actor, meeting.network)
    if status not in Attendance.Status.values:
        raise ServiceError(
            _("Välj närvarande, frånvarande eller anmält förhinder."), field="status"
        )
    if meeting.is_cancelled:
        raise ServiceError(
            _("Mötet är inställt. Närvaro kan inte registreras för ett inställt möte.")
        )
    membership = _membership_on_day(meeting, person)
    if membership is None:
        params = agreement_parameters(meeting.network, on=meeting.local_start.date())
        if not params.substitutes_allowed:
            raise RuleViolation(
                "CO1",
                _(
                    "Deltagandet är personligt: %(name)s är inte medlem i nätverket och kan inte "
                    "stå på närvarolistan, eftersom överenskommelsen inte tillåter ersättare"
                )
                % {"name": person.name},
            )
        if not manages:
            raise PermissionDenied(_("Du är inte medlem i nätverket."))
    municipality = membership.municipality if membership else None
    with transaction.atomic(), acting(actor, "record_attendance"):
        row = Attendance.objects.select_for_update().filter(meeting=meeting, person=person).first()
        if row is not None and row.status == status:
            return row
        if row is None:
            row = Attendance(meeting=meeting, person=person)
        row.status = status
        row.municipality = municipality or person.municipality
        row.substitute = membership is None
        row.recorded_by = person_for(actor)
        # A first registration made by two people at once (the member and the secretary):
        # attendance_one_per_person_and_meeting refuses the later (issue 18 §2).
        with conflict_on_unique():
            row.save()
    return row


def remove_attendance(actor: Any, attendance: Attendance) -> None:
    require_can_remove_attendance(actor, attendance)
    with transaction.atomic(), acting(actor, "remove_attendance"):
        attendance.delete()
