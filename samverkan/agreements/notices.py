"""One small function per notice this app sends (STYLE habit 10), through notifications'
notify_in_their_language: each is written in its recipient's own language (SPEC §6), whatever
the language of the person whose action caused it."""

import datetime
from collections.abc import Callable, Sequence

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from samverkan.agreements.models import Matter, OnboardingTask
from samverkan.cooperation.models import ManagementContact
from samverkan.networks.models import Membership, Network
from samverkan.notifications.services import notify_in_their_language


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _to_representative(
    task: OnboardingTask, *, kind: str, key: str, render: Callable[[], tuple[str, str]]
) -> None:
    """PR3: the notices of an onboarding task go to its representative and point at the task;
    a task without a representative tells nobody."""
    if task.representative is None:
        return
    notify_in_their_language(
        [task.representative], render=render, kind=kind, key=key, network=task.network, about=task
    )


def onboarding_task_created(task_pk: int) -> None:
    """PR3: tell the representative that a new colleague is to be introduced and invited."""
    task = (
        OnboardingTask.objects.select_related(
            "network", "membership__person", "representative__user"
        )
        .filter(pk=task_pk)
        .first()
    )
    if task is None:
        return
    person = task.membership.person
    url = reverse("agreements:onboarding", kwargs={"slug": task.network.slug})

    def render() -> tuple[str, str]:
        return (
            _("Ny kollega att introducera i %(network)s") % {"network": task.network.name},
            _(
                "%(name)s är ny medlem i %(network)s. Som utsedd representant introducerar du "
                "och bjuder in din nya kollega (PR3). Markera uppgiften som klar när det är "
                "gjort: %(url)s"
            )
            % {"name": person.name, "network": task.network.name, "url": url},
        )

    _to_representative(task, kind="onboarding", key=f"pr3:created:{task.pk}", render=render)


def onboarding_task_overdue(task: OnboardingTask, today: datetime.date) -> None:
    """PR3: an open task is reminded after 14 days."""
    url = reverse("agreements:onboarding", kwargs={"slug": task.network.slug})
    values = {"name": task.membership.person.name, "network": task.network.name, "url": url}

    def render() -> tuple[str, str]:
        return (
            _("Påminnelse: introducera %(name)s") % values,
            _(
                "%(name)s blev medlem i %(network)s för mer än 14 dagar sedan och är ännu inte "
                "introducerad (PR3). %(url)s"
            )
            % values,
        )

    _to_representative(
        task, kind="onboarding_reminder", key=f"pr3:overdue:{task.pk}", render=render
    )


def year_items_due(
    network: Network,
    coordinators: list[Membership],
    *,
    year: int,
    missing: Sequence[StrOrPromise],
    step: str,
) -> None:
    """CH2, CO3: from 1 November (and again 1 December) the coordinators are reminded to
    appoint next year's chairs and adopt next year's business plan. `missing` names what is
    left to do, lazily translated, so that each coordinator reads it in their own language."""
    url = reverse("agreements:overview", kwargs={"slug": network.slug})

    def render() -> tuple[str, str]:
        what = ", ".join(str(item) for item in missing)
        return (
            _("Inför %(year)d: %(what)s") % {"year": year, "what": what},
            _("%(network)s ska före årsskiftet: %(what)s. Se %(url)s")
            % {"network": network.name, "what": what, "url": url},
        )

    notify_in_their_language(
        [m.person for m in coordinators],
        render=render,
        kind="year_items_due",
        key=f"agreements:year:{network.pk}:{year}:{step}",
        network=network,
    )


def matter_referred(matter: Matter) -> None:
    """F1: a matter passed on to the municipalities for further process reaches the management
    contacts, for the network's area, of each municipality it concerns. Once per matter (the
    key): a matter moves forward only, and a second save of the same status sends nothing."""
    network = matter.network
    concerned = list(matter.concerned.order_by("name"))
    contacts = {
        c.person.pk: c.person
        for c in ManagementContact.objects.filter(
            area_id=network.area_id,
            municipality__in=concerned,
            person__anonymised_on__isnull=True,
        ).select_related("person__user")
    }
    if not contacts:
        return
    url = _absolute(reverse("agreements:matter", kwargs={"slug": network.slug, "pk": matter.pk}))
    values = {
        "network": network.name,
        "title": matter.title,
        "names": ", ".join(m.name for m in concerned),
        "url": url,
    }

    def render() -> tuple[str, str]:
        description = f"\n\n{matter.description}" if matter.description else ""
        return (
            _("Ärende från %(network)s till kommunerna: %(title)s") % values,
            _(
                "%(network)s har lämnat över ärendet ”%(title)s” till kommunerna för fortsatt "
                "hantering (F1). Den berör %(names)s; du får detta som förvaltningsledning i "
                "din kommun.%(description)s\n\nÄrendet: %(url)s"
            )
            % {**values, "description": description},
        )

    notify_in_their_language(
        contacts.values(),
        render=render,
        kind="matter_referred",
        key=f"f1:referred:{matter.pk}",
        network=network,
        about=matter,
    )
