"""Who may read and keep a network's meetings, attendance and calendar feeds (STYLE habit 5).

Members and the secretariat read the meetings; the coordinator and the secretary keep them
(`networks.access.can_manage_meetings`, asked below this room too). Other readers of the
network get 403, those who may not know the network or meeting 404.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from samverkan.meetings.models import (
    Attachment,
    Attendance,
    CalendarFeed,
    Meeting,
    hash_feed_token,
)
from samverkan.networks.access import (
    Need,
    can_manage_meetings,
    can_read_internal,
    get_network_for,
    require_network,
)
from samverkan.networks.models import Network
from samverkan.people.access import person_for
from samverkan.people.models import Person


def _members_only() -> str:
    return _("Mötena är till för nätverkets medlemmar.")


def require_can_manage_meetings(user: Any, network: Network) -> None:
    """Samordnare and sekreterare (and the secretariat) plan meetings, agenda and minutes."""
    if not can_manage_meetings(user, network):
        raise PermissionDenied(_("Du får inte ändra nätverkets möten."))


def get_meetings_network_for(user: Any, slug: str, *, manage: bool = False) -> Network:
    """The network whose meetings are read (members) or planned (can_manage_meetings)."""
    if manage:
        network = get_network_for(user, slug)
        require_can_manage_meetings(user, network)
        return network
    return get_network_for(user, slug, need=Need.INTERNAL, refusal=_members_only())


def get_meeting_for(
    user: Any,
    slug: str,
    pk: int,
    *,
    write: bool = False,
    queryset: QuerySet[Meeting] | None = None,
) -> Meeting:
    """A network's meeting: members and the secretariat read it, the coordinator and secretary
    change it (can_manage_meetings); other readers get 403, strangers 404."""
    network = get_network_for(user, slug)
    rows = queryset if queryset is not None else Meeting.objects.select_related("network", "host")
    meeting = rows.filter(network=network, pk=pk).first()
    if meeting is None:
        raise Http404(_("Mötet finns inte."))
    require_network(user, network, need=Need.INTERNAL, refusal=_members_only())
    if write:
        require_can_manage_meetings(user, network)
    return meeting


def get_attachment_file_for(user: Any, pk: int) -> Attachment:
    """A meeting's attachment whose file is asked for: the meeting's readers (members and the
    secretariat) read it; to everyone else it does not exist."""
    attachment = Attachment.objects.select_related("meeting__network").filter(pk=pk).first()
    if attachment is None or not can_read_internal(user, attachment.meeting.network):
        raise Http404(_("Filen finns inte."))
    return attachment


# ---- attendance (P3) ------------------------------------------------------------------------


def is_own(user: Any, person: Person | int | None) -> bool:
    """Whether `person` (or a person's id) is the user's own person."""
    own = person_for(user)
    if own is None or person is None:
        return False
    return own.pk == (person if isinstance(person, int) else person.pk)


def require_can_record_attendance(user: Any, meeting: Meeting, person: Person) -> None:
    """A member registers their own attendance; the coordinator and secretary anyone's."""
    if not (can_manage_meetings(user, meeting.network) or is_own(user, person)):
        raise PermissionDenied(_("Du får bara registrera din egen närvaro."))


def require_can_remove_attendance(user: Any, attendance: Attendance) -> None:
    if not (
        is_own(user, attendance.person_id) or can_manage_meetings(user, attendance.meeting.network)
    ):
        raise PermissionDenied(_("Du får inte ändra närvarolistan."))


# ---- calendar feeds -------------------------------------------------------------------------


def require_can_read_network_feed(user: Any, network: Network) -> None:
    """A network's feed is for its members to read."""
    if not can_read_internal(user, network):
        raise PermissionDenied(_("Kalenderflödet är till för nätverkets medlemmar."))


def require_can_change_feed(user: Any, *, person: Person | None) -> None:
    """A feed, of a network's meetings or of one's own, is made, renewed and revoked by its
    person alone (issue 13: each member has their own address of a network's feed)."""
    if not is_own(user, person):
        raise PermissionDenied(_("Du får bara ändra ditt eget kalenderflöde."))


def get_feed_by_secret(secret: str, *, today: datetime.date) -> CalendarFeed:
    """The feed a secret address opens, checked on every request: not revoked, not past its
    last day, its person's account still active and, for a network's feed, the person still
    one of the network's readers of meetings. Otherwise 404, alike for every reason."""
    feed = (
        CalendarFeed.objects.filter(token_hash=hash_feed_token(secret), revoked_at__isnull=True)
        .select_related("network", "person__user")
        .first()
    )
    if feed is None or feed.person is None or feed.has_expired(today):
        raise Http404
    user = feed.person.user
    if user is None or not user.is_active:
        raise Http404
    if feed.network is not None and not can_read_internal(user, feed.network):
        raise Http404
    return feed
