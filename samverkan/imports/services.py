"""The register import (SPEC §5; issue 14, part 1): networks, people, memberships with roles
and dates, and management contacts, from the template workbook or CSV files.

A dry run first, then all or nothing: `import_register` reads and checks the whole file
(plan.py) and, unless it is a dry run or any row is bad, applies it in one transaction through
the rooms' own services, so that what they do for a single change happens for each imported
one too: a person registered (people.services.find_or_create_person), a member added to a
network, with the onboarding task and the account and activation notice that follow
(networks.services.add_membership, end_membership), a management contact registered, with
the invitations to open proposals in its area (networks.lifecycle.services
.add_management_contact). The history records every change the import makes with the verb
`import_register` and the one who imported (`acting(..., keeps_verb=True)`).

Written here, because no service can say it (as samverkan/demo/direct.py does for the demo):
a network entered as it already runs, with the municipalities that take part (no service
enters a running network: proposing and activating it would date it today and ask for a
founding plan), and a correction of a stored person's, network's or membership's details
that no service offers (only the admin changes a person's name or a network's description).

Notices: with `send_invitations` they are made and e-mailed as the services make them; without,
they are made for the inboxes only and nothing is queued for e-mail (`inbox_only`); the
activation e-mails can be sent later with `send_activations` (invite_everyone)."""

import contextlib
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.accounts.activation.services import KIND as ACTIVATION
from samverkan.accounts.activation.services import invite_everyone
from samverkan.core.errors import ServiceError
from samverkan.history.context import acting
from samverkan.imports.plan import MembershipPlan, NetworkPlan, Plan, check
from samverkan.imports.reading import AUTO, Source, read_sources
from samverkan.imports.report import Problem, Report
from samverkan.imports.sheets import CONTACTS, MEMBERSHIPS, NETWORKS, PEOPLE, Sheet
from samverkan.networks.lifecycle.services import add_management_contact
from samverkan.networks.models import Network, Participation
from samverkan.networks.services import (
    add_membership,
    end_membership,
    refresh_search_text,
    unique_slug,
)
from samverkan.notifications.models import Notification
from samverkan.notifications.services import inbox_only
from samverkan.people.access import require_secretariat
from samverkan.people.models import Person
from samverkan.people.services import find_or_create_person

VERB = "import_register"


class _Refused(Exception):
    """A service refused one of the import's changes: the transaction is rolled back."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.reason)
        self.problem = problem


def import_register(
    actor: Any,
    sources: Iterable[Source],
    *,
    dry_run: bool = True,
    send_invitations: bool = False,
    csv_sheet: str = AUTO,
    expected: str | None = None,
    today: datetime.date | None = None,
) -> Report:
    """Check the files and, unless `dry_run`, apply them whole or not at all; returns the
    report. `expected` is the fingerprint of the dry run's report that the user confirmed:
    when the file or the register gives another report now, nothing is applied and the new
    report is returned with `stale` set."""
    require_secretariat(actor)
    reading = read_sources(sources, csv_sheet=csv_sheet)
    notices = contextlib.nullcontext() if send_invitations else inbox_only()
    try:
        with notices, transaction.atomic(), acting(actor, VERB, keeps_verb=True):
            plan = check(reading, today=today or timezone.localdate())
            report = plan.report
            report.dry_run = dry_run
            report.send_invitations = send_invitations
            if dry_run or not report.ok or not report.has_changes:
                return report
            if expected is not None and report.fingerprint() != expected:
                report.stale = True
                return report
            before = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
            apply(actor, plan)
            report.invitations = Notification.objects.filter(
                kind=ACTIVATION, pk__gt=before or 0
            ).count()
            report.applied = True
    except _Refused as refused:
        report.problems.append(refused.problem)
        report.applied = False
    return report


def send_activations(actor: Any) -> int:
    """After an import without e-mails: everyone who cannot sign in and was never e-mailed an
    activation is sent one now. Returns how many."""
    require_secretariat(actor)
    with transaction.atomic(), acting(actor, "send_activations"):
        return invite_everyone(actor=actor)


# ---- applying the plan --------------------------------------------------------------------------


@dataclass
class _Applier:
    actor: Any
    plan: Plan

    def refuse(self, sheet: Sheet, row: int, error: Exception) -> _Refused:
        reason = getattr(error, "message", "") or _("Ändringen kunde inte sparas (%(error)s).") % {
            "error": error
        }
        where = self.plan.where.get(sheet.key, sheet.title)
        return _Refused(Problem(where, row, "", str(reason)))

    def run(self) -> None:
        self.invited: set[int] = set()  # people add_membership has invited in this import
        assert self.plan.lookups is not None
        people = dict(self.plan.lookups.people)
        for item in self.plan.people:
            try:
                people[item.email] = self.person(item)
            except (ServiceError, IntegrityError) as error:
                raise self.refuse(PEOPLE, item.row, error) from error
        # Networks with a short name of their own first: another's made-up one cannot take it.
        for network in sorted(self.plan.networks, key=lambda n: not n.slug):
            try:
                self.network(network)
            except (ServiceError, IntegrityError) as error:
                raise self.refuse(NETWORKS, network.row, error) from error
        for membership in self.plan.memberships:
            try:
                self.membership(membership, people[membership.email])
            except (ServiceError, IntegrityError) as error:
                raise self.refuse(MEMBERSHIPS, membership.row, error) from error
        for contact in self.plan.contacts:
            try:
                add_management_contact(
                    self.actor,
                    contact.municipality,
                    area=contact.area,
                    email=contact.email,
                    today=self.plan.today,
                )
            except (ServiceError, IntegrityError) as error:
                raise self.refuse(CONTACTS, contact.row, error) from error

    def person(self, item: Any) -> Person:
        if item.person is None:
            return find_or_create_person(
                self.actor,
                email=item.email,
                name=item.name,
                title=item.title,
                municipality=item.municipality,
                unit=item.unit,
                phone=item.phone,
            )
        person = item.person
        for key, value in item.updates.items():
            setattr(person, key, value)
        person.save(update_fields=list(item.updates))
        return person

    def network(self, item: NetworkPlan) -> None:
        day = self.plan.today
        if item.network is None:
            assert item.area is not None  # a required column, checked
            network = Network.objects.create(
                name=item.name,
                slug=item.slug or unique_slug(item.name),
                area=item.area,
                status=item.status,
                description=item.description,
                started_on=item.started_on,
            )
            day = item.started_on or day
        else:
            network = item.network
            if item.updates:
                for key, value in item.updates.items():
                    setattr(network, key, value)
                network.save(update_fields=list(item.updates))
        for municipality in item.join:
            # Entered as it stands: invited, consulted and answering yes when it joined (S1, S2).
            Participation.objects.create(
                network=network,
                municipality=municipality,
                invited_on=day,
                answer=Participation.Answer.YES,
                answered_on=day,
                consulted_on=day,
                joined_on=day,
            )
        refresh_search_text(network)
        item.created = network

    def membership(self, item: MembershipPlan, person: Person) -> None:
        network = item.network if isinstance(item.network, Network) else item.network.created
        assert network is not None
        membership = item.membership
        if membership is None:
            membership = add_membership(
                self.actor,
                network,
                person=person,
                role=item.role,
                municipality=item.municipality,
                start_on=item.start_on,
                # Once per person: a second invite() in the same transaction does nothing.
                invite_person=person.pk not in self.invited,
            )
            self.invited.add(person.pk)
            if item.end_on is not None:
                end_membership(self.actor, membership, end_on=item.end_on)
            return
        direct = {k: v for k, v in item.updates.items() if k in ("start_on", "municipality")}
        end_on = item.updates.get("end_on")
        if end_on is not None and membership.end_on is not None and end_on > membership.end_on:
            direct["end_on"] = end_on  # a later end than stored: no service moves it on
            end_on = None
        if direct:
            for key, value in direct.items():
                setattr(membership, key, value)
            membership.save(update_fields=list(direct))
        if end_on is not None:
            end_membership(self.actor, membership, end_on=end_on)


def apply(actor: Any, plan: Plan) -> None:
    _Applier(actor, plan).run()
