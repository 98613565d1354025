"""Daily reminders of the meetings app (found by notifications' autodiscovery)."""

import datetime
from collections import defaultdict

from django.utils.translation import gettext as _

from samverkan.meetings.models import STOCKHOLM, Attendance, Meeting
from samverkan.networks.models import Membership
from samverkan.notifications.reminders import daily_reminder
from samverkan.notifications.services import notify_in_their_language

# A held meeting without attendance is reminded once, within this many days after it.
ATTENDANCE_WINDOW_DAYS = 7


@daily_reminder
def remind_attendance(today: datetime.date) -> int:
    """P3: attendance is recorded. The coordinator and secretary of a meeting held in the last
    week that has no attendance yet are reminded (once per meeting: the key names it)."""
    start = datetime.datetime.combine(
        today - datetime.timedelta(days=ATTENDANCE_WINDOW_DAYS), datetime.time(), STOCKHOLM
    )
    end = datetime.datetime.combine(today, datetime.time(), STOCKHOLM)
    recorded = Attendance.objects.values("meeting_id")
    meetings = list(
        Meeting.objects.planned()
        .filter(ends_at__gte=start, ends_at__lt=end)
        .exclude(pk__in=recorded)
        .select_related("network")
    )
    if not meetings:
        return 0
    managers: dict[int, list] = defaultdict(list)
    for m in (
        Membership.objects.on(today)
        .filter(
            network_id__in={m.network_id for m in meetings},
            role__in=[Membership.Role.COORDINATOR, Membership.Role.SECRETARY],
        )
        .select_related("person")
    ):
        managers[m.network_id].append(m.person)
    for meeting in meetings:
        values = {"network": meeting.network.name, "day": f"{meeting.local_start:%Y-%m-%d}"}

        def render(values: dict[str, str] = values) -> tuple[str, str]:
            return (
                _("Registrera närvaron från mötet %(day)s") % values,
                _(
                    "Ingen närvaro är registrerad för mötet i %(network)s %(day)s. Närvaron "
                    "visas per kommun (P3)."
                )
                % values,
            )

        notify_in_their_language(
            managers[meeting.network_id],
            render=render,
            kind="meeting_attendance_missing",
            key=f"p3-attendance:{meeting.uid}",
            network=meeting.network,
            about=meeting,
        )
    return len(meetings)
