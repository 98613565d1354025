"""C1: when a network last showed activity (a meeting, a change of its plan, a matter), read
from the history table and, where the meetings app is installed, from its meetings."""

import datetime
from collections.abc import Iterable

from django.apps import apps
from django.db.models import Max, Q
from django.utils import timezone

from samverkan.history.models import HistoryEntry
from samverkan.networks.models import Network

INACTIVE_AFTER_DAYS = 365
# Models whose changes count as activity: year plans, meetings (and their agenda and
# minutes), matters. Models of apps that are not installed simply have no entries.
ACTIVITY_MODELS = (
    "networks.YearPlan",
    "meetings.Meeting",
    "meetings.AgendaItem",
    "meetings.Minutes",
    "agreements.Matter",
)


def _activity_filter() -> Q:
    """History entries of the activity models, joined on the content type in the same query
    (no content-type cache, so the query count never depends on what is cached)."""
    condition = Q(pk__in=[])
    for label in ACTIVITY_MODELS:
        app_label, model = label.lower().split(".")
        condition |= Q(content_type__app_label=app_label, content_type__model=model)
    return condition


def last_activity(network_ids: Iterable[int], today: datetime.date) -> dict[int, datetime.date]:
    """The day of each network's latest activity on or before `today` (two or three queries);
    a network without any counts from the day it started."""
    ids = list(network_ids)
    out: dict[int, datetime.date] = {}

    def keep(network_id: int, day: datetime.date | None) -> None:
        if day is not None and day <= today and (network_id not in out or out[network_id] < day):
            out[network_id] = day

    for row in (
        HistoryEntry.objects.filter(_activity_filter(), network_id__in=ids)
        .values("network_id")
        .annotate(last=Max("timestamp"))
    ):
        keep(row["network_id"], timezone.localdate(row["last"]))
    try:
        meeting = apps.get_model("meetings.Meeting")
    except LookupError:
        meeting = None
    if meeting is not None:
        end = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
        for row in (
            meeting.objects.filter(network_id__in=ids, starts_at__lte=end)
            .values("network_id")
            .annotate(last=Max("starts_at"))
        ):
            keep(row["network_id"], timezone.localdate(row["last"]))
    for network_id, started_on in Network.objects.filter(pk__in=ids).values_list(
        "pk", "started_on"
    ):
        keep(network_id, started_on)
    return out


def is_inactive(last: datetime.date | None, today: datetime.date) -> bool:
    return last is not None and (today - last).days > INACTIVE_AFTER_DAYS


def inactive_networks(today: datetime.date) -> list[tuple[Network, datetime.date]]:
    networks = list(Network.objects.filter(status=Network.Status.ACTIVE))
    last = last_activity([n.pk for n in networks], today)
    return [(n, last[n.pk]) for n in networks if is_inactive(last.get(n.pk), today)]
