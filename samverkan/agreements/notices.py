"""One small function per notice this app sends (STYLE habit 10), through notifications.notify
when that app is installed."""

import datetime

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext as _

from samverkan.agreements.models import OnboardingTask
from samverkan.networks.models import Membership, Network


def _notify(recipients: list, **kwargs: object) -> None:
    if not apps.is_installed("samverkan.notifications"):
        return
    from samverkan.notifications.services import notify

    notify([r for r in recipients if r is not None], **kwargs)  # type: ignore[arg-type]


def onboarding_task_created(task_pk: int) -> None:
    """PR3: tell the representative that a new colleague is to be introduced and invited."""
    task = (
        OnboardingTask.objects.select_related("network", "membership__person", "representative")
        .filter(pk=task_pk)
        .first()
    )
    if task is None or task.representative is None:
        return
    person = task.membership.person
    url = reverse("agreements:onboarding", kwargs={"slug": task.network.slug})
    _notify(
        [task.representative],
        kind="onboarding",
        subject=_("Ny kollega att introducera i %(network)s") % {"network": task.network.name},
        body=_(
            "%(name)s är ny medlem i %(network)s. Som utsedd representant introducerar du och "
            "bjuder in din nya kollega (PR3). Markera uppgiften som klar när det är gjort: "
            "%(url)s"
        )
        % {"name": person.name, "network": task.network.name, "url": url},
        key=f"pr3:created:{task.pk}",
        network=task.network,
        about=task,
    )


def onboarding_task_overdue(task: OnboardingTask, today: datetime.date) -> None:
    """PR3: an open task is reminded after 14 days."""
    url = reverse("agreements:onboarding", kwargs={"slug": task.network.slug})
    _notify(
        [task.representative],
        kind="onboarding_reminder",
        subject=_("Påminnelse: introducera %(name)s") % {"name": task.membership.person.name},
        body=_(
            "%(name)s blev medlem i %(network)s för mer än 14 dagar sedan och är ännu inte "
            "introducerad (PR3). %(url)s"
        )
        % {"name": task.membership.person.name, "network": task.network.name, "url": url},
        key=f"pr3:overdue:{task.pk}",
        network=task.network,
        about=task,
    )


def year_items_due(
    network: Network, coordinators: list[Membership], *, year: int, missing: list[str], step: str
) -> None:
    """CH2, CO3: from 1 November (and again 1 December) the coordinators are reminded to
    appoint next year's chairs and adopt next year's business plan."""
    _notify(
        [m.person for m in coordinators],
        kind="year_items_due",
        subject=_("Inför %(year)d: %(what)s") % {"year": year, "what": ", ".join(missing)},
        body=_("%(network)s ska före årsskiftet: %(what)s. Se %(url)s")
        % {
            "network": network.name,
            "what": ", ".join(missing),
            "url": reverse("agreements:overview", kwargs={"slug": network.slug}),
        },
        key=f"agreements:year:{network.pk}:{year}:{step}",
        network=network,
    )
