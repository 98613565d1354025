"""Actions that change networks, their members and their year plans.

Each service takes the acting user first, checks access through networks/access.py, enforces the
rules it names, writes in one transaction and records the verb in the history."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samverkan.accounts.activation.services import invite
from samverkan.accounts.sessions import end_sessions
from samverkan.cooperation.models import DevelopmentArea, Municipality
from samverkan.core.errors import ConflictError, RuleViolation, ServiceError
from samverkan.core.races import conflict_on_unique
from samverkan.history.context import acting
from samverkan.networks import plan_notices
from samverkan.networks.access import require_can_edit
from samverkan.networks.models import Membership, Network, YearPlan, YearPlanComment
from samverkan.networks.signals import membership_added
from samverkan.people.access import forget_viewer, is_secretariat, person_for
from samverkan.people.models import Person


def unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "natverk"
    slug, n = base, 2
    while Network.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def refresh_search_text(network: Network) -> None:
    """Keep the words the catalogue searches: name, area, description and the latest plan."""
    plan = network.year_plans.order_by("-year").first()
    parts = [network.name, network.area.name, network.description]
    if plan is not None:
        parts += [plan.purpose, plan.goals, plan.meeting_organisation]
    text = " ".join(p for p in parts if p).lower()
    Network.objects.filter(pk=network.pk).update(search_text=text)


def _plan_conflict() -> str:
    return _(
        "Någon annan har sparat årsplanen medan du redigerade den. Dina ändringar är inte "
        "sparade än: jämför dem med den sparade versionen och spara igen."
    )


def _check_version(plan: YearPlan, expected_version: int | None) -> None:
    if expected_version is not None and plan.version != expected_version:
        raise ConflictError(_plan_conflict())


def save_year_plan(
    actor: Any,
    network: Network,
    *,
    year: int,
    purpose: str,
    goals: str,
    meeting_organisation: str,
    contribution: str,
    development_areas: Iterable[DevelopmentArea] = (),
    expected_version: int | None = None,
) -> YearPlan:
    """Create or edit a network's plan for a year (N1, N2, N3). A save made from an older
    version than the stored one is refused, never merged silently."""
    require_can_edit(actor, network)
    if network.status == Network.Status.CLOSED:
        raise ServiceError(_("Nätverket är avslutat och kan inte ändras."))
    if not 2000 <= year <= 2100:
        raise ServiceError(_("Ange ett år mellan 2000 och 2100."), field="year")
    areas = list(development_areas)
    fields = {
        "purpose": purpose.strip(),
        "goals": goals.strip(),
        "meeting_organisation": meeting_organisation.strip(),
        "contribution": contribution.strip(),
    }
    with transaction.atomic(), acting(actor, "save_year_plan"):
        plan = YearPlan.objects.select_for_update().filter(network=network, year=year).first()
        if plan is None:
            if expected_version not in (None, 0):
                raise ConflictError(_("Årsplanen har tagits bort av någon annan."))
            # Two people creating the same year's plan at once: the later insert meets
            # year_plan_one_per_year and ends as the version check does (issue 18 §2).
            with conflict_on_unique(_plan_conflict()):
                plan = YearPlan.objects.create(network=network, year=year, **fields)
        else:
            _check_version(plan, expected_version)
            changed = any(getattr(plan, k) != v for k, v in fields.items()) or set(
                plan.development_areas.all()
            ) != set(areas)
            if not changed:
                return plan
            for key, value in fields.items():
                setattr(plan, key, value)
            plan.version += 1
            plan.save()
        plan.development_areas.set(areas)
        refresh_search_text(network)
    return plan


def adopt_year_plan(
    actor: Any,
    plan: YearPlan,
    *,
    expected_version: int | None = None,
    today: datetime.date | None = None,
) -> YearPlan:
    """The network adopts its plan together (N3); a plan without purpose, goals and meeting
    organisation cannot be adopted (N3, S3)."""
    require_can_edit(actor, plan.network)
    with transaction.atomic(), acting(actor, "adopt_year_plan"):
        plan = YearPlan.objects.select_for_update().get(pk=plan.pk)
        _check_version(plan, expected_version)
        if plan.is_adopted:
            return plan
        missing = [
            label
            for label, value in (
                (_("syfte"), plan.purpose),
                (_("målsättning"), plan.goals),
                (_("mötesorganisation"), plan.meeting_organisation),
            )
            if not value.strip()
        ]
        if missing:
            raise RuleViolation(
                "N3",
                _("Årsplanen kan inte antas utan %(parts)s") % {"parts": ", ".join(missing)},
                missing=missing,
            )
        plan.state = YearPlan.State.ADOPTED
        plan.adopted_on = today or timezone.localdate()
        plan.adopted_by = person_for(actor)
        plan.version += 1
        plan.save()
    return plan


def save_and_adopt_year_plan(
    actor: Any,
    network: Network,
    *,
    year: int,
    purpose: str,
    goals: str,
    meeting_organisation: str,
    contribution: str,
    development_areas: Iterable[DevelopmentArea] = (),
    expected_version: int | None = None,
    today: datetime.date | None = None,
) -> YearPlan:
    """The save and the adoption ("Spara och anta planen") in one transaction, so that an
    adoption refused for a missing part (N3) writes nothing, not even the draft; the page's
    version then still names the stored plan and the next try meets no false conflict
    (issue 16, point 1)."""
    with transaction.atomic():
        plan = save_year_plan(
            actor,
            network,
            year=year,
            purpose=purpose,
            goals=goals,
            meeting_organisation=meeting_organisation,
            contribution=contribution,
            development_areas=development_areas,
            expected_version=expected_version,
        )
        return adopt_year_plan(actor, plan, expected_version=plan.version, today=today)


def comment_on_year_plan(actor: Any, plan: YearPlan, *, text: str) -> YearPlanComment:
    """The secretariat as a sounding board on a draft plan (ST1, issue 16 point 11); those
    who edit the plan answer in the same thread. The other side is told (plan_notices)."""
    require_can_edit(actor, plan.network)
    text = text.strip()
    if not text:
        raise ServiceError(_("Skriv en kommentar."), field="text")
    if plan.network.status == Network.Status.CLOSED:
        raise ServiceError(_("Nätverket är avslutat och kan inte ändras."))
    if plan.is_adopted:
        raise ServiceError(_("Planen är antagen. Kommentarer ges på ett utkast."))
    with transaction.atomic(), acting(actor, "comment_on_year_plan"):
        comment = YearPlanComment.objects.create(
            network=plan.network,
            plan=plan,
            author=person_for(actor),
            from_secretariat=is_secretariat(actor),
            text=text,
        )
        plan_notices.plan_commented(comment)
    return comment


def add_membership(
    actor: Any,
    network: Network,
    *,
    person: Person,
    role: str = Membership.Role.MEMBER,
    municipality: Municipality | None = None,
    start_on: datetime.date | None = None,
    invite_person: bool = True,
) -> Membership:
    """Add a person to a network in a role; a person already in that role is left as is.

    `invite_person=False` is for a caller that already invited the person in the same
    transaction (the register import, issue 14, naming one person in several networks):
    invite() would find its activation notice and do nothing, at some ten queries."""
    require_can_edit(actor, network)
    if network.status == Network.Status.CLOSED:
        raise ServiceError(_("Nätverket är avslutat och kan inte ändras."))
    if role not in Membership.Role.values:
        raise ServiceError(_("Okänd roll."), field="role")
    day = start_on or timezone.localdate()
    with transaction.atomic(), acting(actor, "add_membership"):
        existing = (
            Membership.objects.on(day).filter(network=network, person=person, role=role).first()
        )
        if existing is not None:
            return existing
        membership = Membership.objects.create(
            network=network,
            person=person,
            role=role,
            municipality=municipality or person.municipality,
            start_on=day,
        )
        membership_added.send(Membership, actor=actor, membership=membership)
        if invite_person:
            invite(person, actor=actor)  # issue 12: everyone the system names can sign in
    forget_viewer(actor)
    return membership


def end_membership(
    actor: Any, membership: Membership, *, end_on: datetime.date | None = None
) -> Membership:
    """A person leaves a role; the row stays, with its end date, for the history (N4)."""
    require_can_edit(actor, membership.network)
    today = timezone.localdate()
    with transaction.atomic(), acting(actor, "end_membership"):
        membership.end(end_on or today)
        person = membership.person
        still = Membership.objects.filter(person=person).exclude(end_on__lte=today)
        ended = membership.end_on is not None and membership.end_on <= today
        if person.user_id and ended and not still.exists():
            # The person's last role ended: their sessions end too (issue 12, item 8).
            transaction.on_commit(lambda: end_sessions(person.user))
    forget_viewer(actor)
    return membership
