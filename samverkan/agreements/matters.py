"""Services for the network's work: matters (F1, F2), mandates (F3), working groups (F4) and
onboarding tasks (PR3). Same habits as services.py: actor first, access.py, rule IDs, one
transaction, the verb in the history, notices after commit."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.activation.services import invite
from samverkan.agreements import access
from samverkan.agreements.models import FocusArea, Mandate, Matter, OnboardingTask, WorkingGroup
from samverkan.agreements.selectors import agreement_parameters, names_outside, participating_ids
from samverkan.cooperation.models import Municipality, Organisation
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.history.context import acting
from samverkan.networks.models import Membership, Network
from samverkan.people.models import Person

ONBOARDING_DAYS = 14  # PR3: open tasks are reminded after 14 days (SPEC §4)
STATUS_ORDER = [s.value for s in Matter.Status]


def _open(network: Network) -> None:
    if network.status == Network.Status.CLOSED:
        raise ServiceError(_("Nätverket är avslutat och kan inte ändras."))


def _current_member_ids(network: Network, day: datetime.date) -> set[int]:
    return set(
        Membership.objects.on(day).filter(network=network).values_list("person_id", flat=True)
    )


def _check_links(
    network: Network, focus_area: FocusArea | None, working_group: WorkingGroup | None
) -> None:
    if focus_area is not None and focus_area.business_plan.network_id != network.pk:
        raise ServiceError(_("Frågeområdet hör till ett annat nätverk."), field="focus_area")
    if working_group is not None and working_group.network_id != network.pk:
        raise ServiceError(_("Arbetsgruppen hör till ett annat nätverk."), field="working_group")


# ---- matters (F1, F2) -------------------------------------------------------------------------


def record_matter(
    actor: Any,
    network: Network,
    *,
    title: str,
    concerned: Iterable[Municipality],
    raised_by: Municipality | None = None,
    description: str = "",
    with_region: bool = False,
    organisations: Iterable[Organisation] = (),
    focus_area: FocusArea | None = None,
    working_group: WorkingGroup | None = None,
    raised_on: datetime.date | None = None,
) -> Matter:
    """F1: a matter raised by a municipality (or by the network when `raised_by` is None),
    concerning participating municipalities. F2: the network works only on matters that
    concern at least the agreement's minimum of municipalities."""
    access.require_can_edit_matters(actor, network)
    _open(network)
    title = title.strip()
    if not title:
        raise ServiceError(_("Ange en rubrik för frågan."), field="title")
    day = raised_on or timezone.localdate()
    chosen = list({m.pk: m for m in concerned}.values())
    participating = participating_ids(network, day)
    if outside := names_outside(chosen, participating):
        raise ServiceError(
            _("Berörda kommuner måste delta i nätverket: %(names)s gör det inte.")
            % {"names": outside},
            field="concerned",
        )
    if raised_by is not None and raised_by.pk not in participating:
        raise ServiceError(
            _("%(name)s deltar inte i nätverket och kan inte väcka frågor här.")
            % {"name": raised_by.name},
            field="raised_by",
        )
    minimum = agreement_parameters(network, on=day).min_municipalities_per_matter
    if minimum is not None and len(chosen) < minimum:
        raise RuleViolation(
            "F2",
            _(
                "Nätverket arbetar bara med frågor som berör minst %(n)d kommuner; frågan berör "
                "%(k)d. Lägg till fler berörda kommuner."
            )
            % {"n": minimum, "k": len(chosen)},
        )
    if not chosen:
        raise ServiceError(_("Välj minst en berörd kommun."), field="concerned")
    _check_links(network, focus_area, working_group)
    orgs = list(organisations)
    with transaction.atomic(), acting(actor, "record_matter"):
        matter = Matter.objects.create(
            network=network,
            title=title,
            description=description.strip(),
            raised_by=raised_by,
            # F1: matters with the region are marked; naming the region marks it too.
            with_region=with_region or any(o.is_region for o in orgs),
            focus_area=focus_area,
            working_group=working_group,
            raised_on=day,
        )
        matter.concerned.set(chosen)
        matter.organisations.set(orgs)
    return matter


def advance_matter(
    actor: Any, matter: Matter, *, status: str, today: datetime.date | None = None
) -> Matter:
    """F1: raised → in preparation → referred to the municipalities → closed; forward only
    (a step may be skipped, e.g. closing a matter that was never referred)."""
    access.require_can_edit_matters(actor, matter.network)
    _open(matter.network)
    if status not in STATUS_ORDER:
        raise ServiceError(_("Okänd status."), field="status")
    if status == matter.status:
        return matter
    if STATUS_ORDER.index(status) < STATUS_ORDER.index(matter.status):
        raise ServiceError(
            _("En fråga kan inte gå tillbaka från %(from)s till %(to)s.")
            % {
                "from": matter.get_status_display().lower(),
                "to": Matter.Status(status).label.lower(),
            },
            field="status",
        )
    with transaction.atomic(), acting(actor, "advance_matter"):
        matter.status = status
        matter.status_changed_on = today or timezone.localdate()
        matter.save(update_fields=["status", "status_changed_on"])
        if status == Matter.Status.REFERRED:  # issue 16, point 5 (builder B)
            from samverkan.agreements.notices import matter_referred

            matter_referred(matter)
    return matter


# ---- mandates (F3) ----------------------------------------------------------------------------


def mandate(
    actor: Any,
    network: Network,
    *,
    people: Iterable[Person],
    arena: str,
    start_on: datetime.date,
    end_on: datetime.date | None = None,
    matter: Matter | None = None,
    organisation: Organisation | None = None,
    represents: Iterable[Municipality] | None = None,
) -> Mandate:
    """F3: the network mandates one or more of its members to represent the concerned
    municipalities (by default those of the matter) in a wider arena for a period."""
    access.require_can_edit_matters(actor, network)
    _open(network)
    arena = arena.strip()
    if not arena:
        raise ServiceError(_("Ange i vilken arena uppdraget gäller."), field="arena")
    if end_on is not None and end_on < start_on:
        raise ServiceError(_("Slutdatum kan inte vara före startdatum."), field="end_on")
    if matter is not None and matter.network_id != network.pk:
        raise ServiceError(_("Frågan hör till ett annat nätverk."), field="matter")
    chosen = list({p.pk: p for p in people}.values())
    if not chosen:
        raise ServiceError(_("Välj minst en företrädare."), field="people")
    if outside := names_outside(chosen, _current_member_ids(network, start_on)):
        raise ServiceError(
            _("Bara nätverkets medlemmar kan få uppdrag: %(names)s är inte medlem.")
            % {"names": outside},
            field="people",
        )
    if represents is None:
        whom = list(matter.concerned.all()) if matter is not None else []
    else:
        whom = list(represents)
    if not whom:
        raise ServiceError(_("Välj vilka kommuner uppdraget företräder."), field="represents")
    if outside := names_outside(whom, participating_ids(network, start_on)):
        raise ServiceError(
            _("Uppdraget kan bara företräda kommuner i nätverket: %(names)s deltar inte.")
            % {"names": outside},
            field="represents",
        )
    with transaction.atomic(), acting(actor, "mandate"):
        row = Mandate.objects.create(
            network=network,
            matter=matter,
            arena=arena,
            organisation=organisation,
            start_on=start_on,
            end_on=end_on,
        )
        row.people.set(chosen)
        row.represents.set(whom)
    return row


# ---- working groups (F4) ----------------------------------------------------------------------


def _check_contact(network: Network, contact: Person, day: datetime.date) -> None:
    if contact.pk not in _current_member_ids(network, day):
        raise RuleViolation(
            "F4",
            _("Kontaktpersonen ska vara medlem i nätverket; %(name)s är det inte.")
            % {"name": contact.name},
        )


def start_working_group(
    actor: Any,
    network: Network,
    *,
    name: str,
    contact: Person,
    members: Iterable[Person] = (),
    focus_area: FocusArea | None = None,
    start_on: datetime.date | None = None,
) -> WorkingGroup:
    """F4: the network starts a working group; its contact person must be a current member
    of the network, and so must its participants (issue 16 §14: chosen among the network's
    members)."""
    access.require_can_edit_working_groups(actor, network)
    _open(network)
    name = name.strip()
    if not name:
        raise ServiceError(_("Ange arbetsgruppens namn."), field="name")
    day = start_on or timezone.localdate()
    _check_contact(network, contact, day)
    _check_links(network, focus_area, None)
    people = list(members)
    member_ids = _current_member_ids(network, day)
    if outside := sorted(p.name for p in people if p.pk not in member_ids):
        raise ServiceError(
            _(
                "Arbetsgruppens deltagare väljs bland nätverkets medlemmar; %(names)s är inte "
                "medlem."
            )
            % {"names": ", ".join(outside)},
            field="members",
        )
    with transaction.atomic(), acting(actor, "start_working_group"):
        group = WorkingGroup.objects.create(
            network=network, name=name, contact=contact, focus_area=focus_area, start_on=day
        )
        group.members.set(people)
        for person in people:  # issue 12: the group's members are invited to sign in
            invite(person, actor=actor)
    return group


def change_working_group_contact(
    actor: Any, group: WorkingGroup, *, contact: Person, today: datetime.date | None = None
) -> WorkingGroup:
    """F4: a new contact person, e.g. when the previous one left the network."""
    access.require_can_edit_working_groups(actor, group.network)
    _open(group.network)
    if contact.pk == group.contact_id:
        return group
    _check_contact(group.network, contact, today or timezone.localdate())
    with transaction.atomic(), acting(actor, "change_working_group_contact"):
        group.contact = contact
        group.save(update_fields=["contact"])
    return group


def end_working_group(
    actor: Any, group: WorkingGroup, *, end_on: datetime.date | None = None
) -> WorkingGroup:
    access.require_can_edit_working_groups(actor, group.network)
    with transaction.atomic(), acting(actor, "end_working_group"):
        group.end(end_on or timezone.localdate())
    return group


# ---- onboarding (PR3) -------------------------------------------------------------------------


def on_member_added(actor: Any, membership: Membership) -> OnboardingTask | None:
    """PR3: a new member of a network whose agreement names an onboarding representative gets
    a task for that representative to introduce and invite them. Called by
    networks.services.add_membership inside its transaction; a person who was in the network
    before, in any role, is not new."""
    if membership.role != Membership.Role.MEMBER:
        return None
    network = membership.network
    if not agreement_parameters(network, on=membership.start_on).onboarding_representative:
        return None
    earlier = (
        Membership.objects.filter(network=network, person_id=membership.person_id)
        .exclude(pk=membership.pk)
        .filter(start_on__lt=membership.start_on)
        .exists()
    )
    if earlier:
        return None
    representative = (
        Membership.objects.on(membership.start_on)
        .filter(network=network, role=Membership.Role.ONBOARDING)
        .exclude(person_id=membership.person_id)
        .select_related("person")
        .order_by("start_on", "pk")
        .first()
    )
    today = timezone.localdate()
    with acting(actor, "create_onboarding_task"):
        task, created = OnboardingTask.objects.get_or_create(
            membership=membership,
            defaults={
                "network": network,
                "representative": representative.person if representative else None,
                "created_on": today,
                "due_on": max(today, membership.start_on) + datetime.timedelta(ONBOARDING_DAYS),
            },
        )
    if created and task.representative is not None:
        from samverkan.agreements.notices import onboarding_task_created

        transaction.on_commit(lambda: onboarding_task_created(task.pk), robust=True)
    return task


def complete_onboarding_task(
    actor: Any, task: OnboardingTask, *, today: datetime.date | None = None
) -> OnboardingTask:
    """PR3: the representative (or an editor) marks the introduction done."""
    access.require_can_complete_onboarding_task(actor, task)
    if task.done_on is not None:
        return task
    with transaction.atomic(), acting(actor, "complete_onboarding_task"):
        task.done_on = today or timezone.localdate()
        task.save(update_fields=["done_on"])
    return task
