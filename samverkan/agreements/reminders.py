"""Daily reminders of the agreements app (found by notifications' autodiscovery)."""

import datetime

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from samverkan.agreements import notices
from samverkan.agreements.models import BusinessPlan, Chairmanship, OnboardingTask
from samverkan.agreements.selectors import parameters_for
from samverkan.networks.models import Membership, Network
from samverkan.notifications.reminders import daily_reminder


@daily_reminder
def remind_onboarding(today: datetime.date) -> int:
    """PR3: open onboarding tasks are reminded after 14 days, once."""
    tasks = list(
        OnboardingTask.objects.filter(
            done_on__isnull=True,
            reminded_on__isnull=True,
            due_on__lte=today,
            representative__isnull=False,
        ).select_related("network", "membership__person", "representative__user")
    )
    for task in tasks:
        notices.onboarding_task_overdue(task, today)
    OnboardingTask.objects.filter(pk__in=[t.pk for t in tasks]).update(reminded_on=today)
    return len(tasks)


@daily_reminder
def remind_year_items(today: datetime.date) -> int:
    """CH2, CO3: from 1 November, and again from 1 December, the coordinators of a network
    whose agreement asks for chairs or a business plan are reminded of next year's."""
    if today.month < 11:
        return 0
    step = "dec" if today.month == 12 else "nov"
    year = today.year + 1
    networks = list(Network.objects.filter(status=Network.Status.ACTIVE))
    params = parameters_for([n.pk for n in networks], today)
    chaired = set(
        Chairmanship.objects.filter(network__in=networks, year__lte=year)
        .annotate(last=F("year") + F("term_years") - 1)
        .filter(last__gte=year)
        .values_list("network_id", flat=True)
    )
    planned = set(
        BusinessPlan.objects.filter(
            network__in=networks, year=year, state=BusinessPlan.State.ADOPTED
        ).values_list("network_id", flat=True)
    )
    coordinators: dict[int, list[Membership]] = {}
    for m in (
        Membership.objects.on(today)
        .filter(network__in=networks, role=Membership.Role.COORDINATOR)
        .select_related("person__user")
    ):
        coordinators.setdefault(m.network_id, []).append(m)
    sent = 0
    for network in networks:
        p = params[network.pk]
        # Lazy: the notice writes them in each coordinator's language.
        missing = []
        if p.chair_municipalities and network.pk not in chaired:
            missing.append(_("utse ordförande"))
        if p.business_plan_required and network.pk not in planned:
            missing.append(_("anta verksamhetsplan"))
        if missing and coordinators.get(network.pk):
            notices.year_items_due(
                network, coordinators[network.pk], year=year, missing=missing, step=step
            )
            sent += 1
    return sent
