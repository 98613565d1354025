"""The networks room's daily reminders (run by notifications.reminders.run_daily): next year's
plan (N3) and stale contact details (N6). Each is idempotent for its day: its notices' keys
name the event, and notify() tells nobody twice."""

import calendar
import datetime

from django.conf import settings
from django.db.models import Max, Q

from samverkan.networks import notices
from samverkan.networks.models import Membership, Network, YearPlan
from samverkan.notifications.models import Notification
from samverkan.notifications.reminders import daily_reminder
from samverkan.people.models import Person


def step_of(today: datetime.date) -> str | None:
    """N3, CH2, CO3: the reminders of next year go out from 1 November and again from
    1 December; None before November."""
    if today.month < 11:
        return None
    return "dec" if today.month == 12 else "nov"


@daily_reminder
def remind_year_plans(today: datetime.date) -> int:
    """N3: from 1 November, and again from 1 December, the coordinators of each active network
    whose plan for next year is not adopted are reminded to adopt it. Returns how many networks
    were reminded (a network without a coordinator tells nobody; the dashboard shows N4)."""
    step = step_of(today)
    if step is None:
        return 0
    year = today.year + 1
    plans = {
        p.network_id: p
        for p in YearPlan.objects.filter(year=year, network__status=Network.Status.ACTIVE)
    }
    networks = [
        n
        for n in Network.objects.filter(status=Network.Status.ACTIVE).order_by("pk")
        if not (n.pk in plans and plans[n.pk].is_adopted)
    ]
    coordinators: dict[int, list[Person]] = {}
    for m in (
        Membership.objects.on(today)
        .filter(network__in=networks, role=Membership.Role.COORDINATOR)
        .select_related("person__user")
    ):
        coordinators.setdefault(m.network_id, []).append(m.person)
    sent = 0
    for network in networks:
        if people := coordinators.get(network.pk):
            notices.year_plan_due(
                network, people, year=year, draft=plans.get(network.pk), step=step
            )
            sent += 1
    return sent


def month_after(day: datetime.date) -> datetime.date:
    """The same day a calendar month later (31 January → 28 or 29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_people(today: datetime.date, months: int) -> list[Person]:
    """N6: the members and coordinators of active networks whose contact details were not
    confirmed within `months` months (as Person.contact_is_stale), who can be reached."""
    cutoff = today - datetime.timedelta(days=months * 365 // 12)
    in_networks = (
        Membership.objects.on(today)
        .filter(network__status=Network.Status.ACTIVE)
        .values("person_id")
    )
    return list(
        Person.objects.filter(pk__in=in_networks, anonymised_on__isnull=True)
        .filter(Q(contact_confirmed_on__isnull=True) | Q(contact_confirmed_on__lt=cutoff))
        .filter(Q(user__isnull=False) | ~Q(email=""))
        .select_related("user")
        .order_by("pk")
    )


def last_reminded(people: list[Person]) -> dict[int, datetime.date]:
    """N6: the day each person was last reminded, read from their latest reminder's key (the
    keys name the day, and ISO days sort as text)."""
    rows = (
        Notification.objects.filter(
            kind=notices.CONTACTS_KIND, recipient_id__in=[p.pk for p in people]
        )
        .values("recipient_id")
        .annotate(last=Max("key"))
    )
    return {
        r["recipient_id"]: datetime.date.fromisoformat(r["last"].rsplit(":", 1)[1]) for r in rows
    }


@daily_reminder
def remind_stale_contacts(today: datetime.date) -> int:
    """N6: each member or coordinator whose contact details are stale is asked to confirm them,
    at most once a month: again only from the same day a calendar month after the last
    reminder, so never twice in one calendar month. Returns how many were reminded."""
    months = settings.CONTACTS_STALE_MONTHS
    people = stale_people(today, months)
    last = last_reminded(people)
    sent = 0
    for person in people:
        previous = last.get(person.pk)
        if previous is not None and today < month_after(previous):
            continue
        notices.contact_details_stale(person, today, months=months)
        sent += 1
    return sent
