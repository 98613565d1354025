"""C1: when a network last showed activity, honestly (issue 16, point 7).

Activity is what a network *does*: a meeting held (one that has started and was not cancelled),
minutes approved, a matter raised or moved on. Editing the year plan, planning a meeting, or a
data load (an import, the demo data, a repair in the admin) is not activity: each is read from
the day the thing happened (the meeting's start, the minutes' approval, the matter's days), not
from when a row was written, so a load of old meetings counts from when they were held.

The meetings and agreements apps sit above this room in the layers, so their models are looked
up by name (`apps.get_model`), never imported; where an app is not installed it simply has no
activity."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from samverkan.networks.models import Network
from samverkan.notifications.selectors import unresolved_network_ids
from samverkan.notifications.services import resolve_notices

INACTIVE_AFTER_DAYS = 365
# The kind of the C1 inactivity notice (networks/lifecycle/notices.py network_inactive).
INACTIVITY_KIND = "network_inactive"


def _model(label: str) -> Any:
    """The model named `label`, or None where its app is not installed."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


ACTIVITY_MODELS = ("meetings.Meeting", "meetings.Minutes", "agreements.Matter")


def activity_models() -> list[Any]:
    """The models whose rows are a network's activity (those installed)."""
    return [m for label in ACTIVITY_MODELS if (m := _model(label)) is not None]


def last_activity(network_ids: Iterable[int], today: datetime.date) -> dict[int, datetime.date]:
    """The day of each network's latest activity on or before `today` (four queries, whatever
    the number of networks); a network without any counts from the day it started."""
    ids = list(network_ids)
    out: dict[int, datetime.date] = {}

    def keep(network_id: int, day: datetime.date | datetime.datetime | None) -> None:
        if isinstance(day, datetime.datetime):
            day = timezone.localdate(day)
        if day is not None and day <= today and (network_id not in out or out[network_id] < day):
            out[network_id] = day

    end = timezone.make_aware(datetime.datetime.combine(today, datetime.time.max))
    if (meeting := _model("meetings.Meeting")) is not None:
        # A meeting held: started by the end of `today`, and not cancelled.
        for row in (
            meeting.objects.filter(network_id__in=ids, starts_at__lte=end)
            .exclude(status="cancelled")
            .order_by()
            .values("network_id")
            .annotate(last=Max("starts_at"))
        ):
            keep(row["network_id"], row["last"])
    if (minutes := _model("meetings.Minutes")) is not None:
        # Minutes approved (justerat), on the day they were approved.
        for row in (
            minutes.objects.filter(
                meeting__network_id__in=ids, state="approved", approved_at__lte=end
            )
            .order_by()
            .values("meeting__network_id")
            .annotate(last=Max("approved_at"))
        ):
            keep(row["meeting__network_id"], row["last"])
    if (matter := _model("agreements.Matter")) is not None:
        # A matter raised, or moved on to its next status.
        for row in (
            matter.objects.filter(network_id__in=ids)
            .order_by()
            .values("network_id")
            .annotate(
                raised=Max("raised_on", filter=Q(raised_on__lte=today)),
                moved=Max("status_changed_on", filter=Q(status_changed_on__lte=today)),
            )
        ):
            keep(row["network_id"], row["raised"])
            keep(row["network_id"], row["moved"])
    for network_id, started_on in Network.objects.filter(pk__in=ids).values_list(
        "pk", "started_on"
    ):
        keep(network_id, started_on)
    return out


def _bounds(
    first: datetime.date, last: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """Local days `first`..`last` as aware datetimes: meetings and minutes keep UTC."""
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(last, datetime.time.max))
    return start, end


def _activity_between(first: datetime.date | None, last: datetime.date) -> Q:
    """An activity of the network OuterRef("pk") from `first` (None: ever) to `last`, as
    EXISTS subqueries: the same activity that last_activity() reads."""
    start, end = _bounds(first or last, last)  # `start` is used only with `first`
    found = Q(pk__in=[])
    if (meeting := _model("meetings.Meeting")) is not None:
        held = meeting.objects.filter(network_id=OuterRef("pk"), starts_at__lte=end).exclude(
            status="cancelled"
        )
        found |= Q(Exists(held.filter(starts_at__gte=start) if first else held))
    if (minutes := _model("meetings.Minutes")) is not None:
        approved = minutes.objects.filter(
            meeting__network_id=OuterRef("pk"), state="approved", approved_at__lte=end
        )
        found |= Q(Exists(approved.filter(approved_at__gte=start) if first else approved))
    if (matter := _model("agreements.Matter")) is not None:
        matters = matter.objects.filter(network_id=OuterRef("pk"))
        raised = Q(raised_on__lte=last) & (Q(raised_on__gte=first) if first else Q())
        moved = Q(status_changed_on__lte=last) & (Q(status_changed_on__gte=first) if first else Q())
        found |= Q(Exists(matters.filter(raised | moved)))
    return found


def inactive_queryset(today: datetime.date) -> QuerySet[Network]:
    """C1 in SQL, for the dashboard's list: the active networks without activity in the last
    12 months (the same test as is_inactive over last_activity): no activity from `today` −
    365 days to `today`, and some activity (or the start) before."""
    since = today - datetime.timedelta(days=INACTIVE_AFTER_DAYS)
    return (
        Network.objects.filter(status=Network.Status.ACTIVE)
        .exclude(started_on__gte=since, started_on__lte=today)
        .exclude(_activity_between(since, today))
        .filter(_activity_between(None, today) | Q(started_on__lte=today))
        .order_by("name", "pk")
    )


def is_inactive(last: datetime.date | None, today: datetime.date) -> bool:
    return last is not None and (today - last).days > INACTIVE_AFTER_DAYS


def inactive_networks(today: datetime.date) -> list[tuple[Network, datetime.date]]:
    networks = list(Network.objects.filter(status=Network.Status.ACTIVE))
    last = last_activity([n.pk for n in networks], today)
    return [(n, last[n.pk]) for n in networks if is_inactive(last.get(n.pk), today)]


def active_again(today: datetime.date) -> dict[int, datetime.date]:
    """Networks that were flagged inactive (C1) and are active again: each network with an
    unresolved inactivity notice whose latest activity is now within the last 12 months, or
    which is no longer active at all (closed), with the day of that activity (or of closing)."""
    flagged = unresolved_network_ids(INACTIVITY_KIND)
    if not flagged:
        return {}
    networks = {n.pk: n for n in Network.objects.filter(pk__in=flagged)}
    active_ids = [pk for pk, n in networks.items() if n.status == Network.Status.ACTIVE]
    last = last_activity(active_ids, today) if active_ids else {}
    out: dict[int, datetime.date] = {}
    for pk, network in networks.items():
        if network.status != Network.Status.ACTIVE:
            out[pk] = network.closed_on or today
        elif pk in last and not is_inactive(last[pk], today):
            out[pk] = last[pk]
    return out


def resolve_active_again(today: datetime.date) -> int:
    """Issue 16, point 6: a C1 inactivity notice resolves when its network is active again (a
    meeting held, minutes approved, a matter moved) or has closed; the secretariat's inbox
    shows it as resolved and it is no longer e-mailed. Returns how many notices resolved."""
    return resolve_notices(kind=INACTIVITY_KIND, network_ids=active_again(today))
