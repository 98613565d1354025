"""A member for a municipality that does not take part (issue 16 §10).

A municipality that said no to the network, or has left it, has no place among its members: a
person added for it is refused, and the refusal says why (when it said no, or when it left and
with what reason). A municipality without any participation row yet (a proposal still being
answered, or a network whose register is incomplete) is not refused: nothing is known against
it. The check runs inside add_membership's transaction (networks.signals.membership_added),
so a refused member leaves nothing written."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.networks.models import Membership, Participation


def not_taking_part(participation: Participation | None, day: datetime.date) -> str:
    """Why the municipality does not take part on `day`, in Swedish; "" when it may."""
    if participation is None:
        return ""
    name = participation.municipality.name
    if participation.left_on is not None and participation.left_on <= day:
        reason = participation.leave_reason.strip()
        text = _("%(muni)s lämnade nätverket %(day)s.") % {
            "muni": name,
            "day": date_format(participation.left_on, "j F Y"),
        }
        if reason:
            text += " " + _("Anledning: %(reason)s") % {"reason": reason}
        return text
    if participation.answer == Participation.Answer.NO and participation.joined_on is None:
        when = participation.answered_on
        if when is None:
            return _("%(muni)s har sagt nej till att delta i nätverket.") % {"muni": name}
        return _("%(muni)s sa nej till att delta i nätverket %(day)s.") % {
            "muni": name,
            "day": date_format(when, "j F Y"),
        }
    return ""


def check_member_municipality(membership: Membership) -> None:
    """Refuse a new member whose municipality said no or has left (the reason in words)."""
    if membership.municipality_id is None:
        return
    participation = (
        Participation.objects.select_related("municipality")
        .filter(network_id=membership.network_id, municipality_id=membership.municipality_id)
        .first()
    )
    why = not_taking_part(participation, membership.start_on)
    if why:
        raise ServiceError(
            _(
                "%(person)s kan inte bli medlem för %(muni)s: %(why)s En kommun som inte deltar "
                "har inga medlemmar i nätverket."
            )
            % {
                "person": membership.person.name,
                "muni": participation.municipality.name if participation else "",
                "why": why,
            },
            field="municipality",
        )
