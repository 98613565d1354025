"""What ending a person would do, and what refuses it (issue 15, §2): read before the
secretariat confirms, and by the service itself."""

import datetime
from dataclasses import dataclass, field

from samverkan.agreements.models import Mandate, WorkingGroup
from samverkan.networks.models import Membership, Network
from samverkan.people.models import Person
from samverkan.records.models import PersonEnding

Role = Membership.Role


def only_coordinator_of(person: Person, today: datetime.date) -> list[Network]:
    """N4: the active networks in which the person is today the only coordinator."""
    mine = (
        Membership.objects.on(today)
        .filter(person=person, role=Role.COORDINATOR, network__status=Network.Status.ACTIVE)
        .values_list("network_id", flat=True)
    )
    others = (
        Membership.objects.on(today)
        .filter(network_id__in=mine, role=Role.COORDINATOR)
        .exclude(person=person)
        .values_list("network_id", flat=True)
    )
    return list(Network.objects.filter(pk__in=mine).exclude(pk__in=others).order_by("name"))


@dataclass
class EndingPreview:
    """What an ending of the person would end today, for the confirmation page."""

    person: Person
    ending: PersonEnding | None
    blocked_by: list[Network] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    working_groups: list[WorkingGroup] = field(default_factory=list)
    contact_for: list[WorkingGroup] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)
    has_account: bool = False

    @property
    def ended(self) -> bool:
        return self.person.anonymised_on is not None


def ending_preview(person: Person, today: datetime.date) -> EndingPreview:
    ending = PersonEnding.objects.filter(person=person).select_related("ended_by").first()
    preview = EndingPreview(person=person, ending=ending, has_account=person.user_id is not None)
    if preview.ended:
        return preview
    preview.blocked_by = only_coordinator_of(person, today)
    preview.memberships = list(
        Membership.objects.filter(person=person)
        .exclude(end_on__lt=today)
        .select_related("network")
        .order_by("network__name", "role")
    )
    groups = WorkingGroup.objects.exclude(end_on__lt=today).select_related("network")
    preview.working_groups = list(groups.filter(members=person).order_by("name"))
    # F4: a group whose contact is ended keeps the contact, and its check turns to missing.
    preview.contact_for = list(groups.filter(contact=person).order_by("name"))
    preview.mandates = list(
        Mandate.objects.filter(people=person)
        .exclude(end_on__lt=today)
        .select_related("network")
        .order_by("arena")
    )
    return preview
