"""Ending a person (GDPR art. 17 within arkivlagen; issue 15, §2).

A secretariat action with a reason. It ends every current role today, closes the account and
what signs in for it (the receivers of `people.signals.person_ended`: the account and its
sessions, the calendar feeds, the API tokens), removes the contact details that are not part
of a public record, and keeps the name where it is part of one: minutes, attendance lists,
matters and the history, until a retention decision replaces it (records/retention). The
person's history stays, with the ending recorded as `end_person`."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.agreements.models import Mandate, OnboardingTask, WorkingGroup
from samverkan.cooperation.models import ManagementContact
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.history.context import acting
from samverkan.networks.models import Membership
from samverkan.notifications.models import Notification
from samverkan.people.access import person_for, require_secretariat
from samverkan.people.models import Person
from samverkan.people.signals import person_ended
from samverkan.records.ending import scrub
from samverkan.records.ending.selectors import only_coordinator_of
from samverkan.records.models import PersonEnding
from samverkan.surveys.models import DirectorsGroupMember, Invitation, SurveyRound

REASON_MAX = 2000
# The contact details an ending removes: none of them is part of a public record.
CONTACT_FIELDS = ("email", "pending_email", "phone", "title", "unit")


def already_ended_message(person: Person) -> str:
    return _("%(name)s är redan avslutad sedan %(day)s. Inget har ändrats.") % {
        "name": person.name,
        "day": person.anonymised_on.isoformat() if person.anonymised_on else "",
    }


def check_can_end(person: Person, today: datetime.date) -> None:
    """Refused while the person is the only coordinator of an active network (N4), naming
    the networks; refused when the person is already ended."""
    if person.anonymised_on is not None:
        raise ServiceError(already_ended_message(person))
    networks = only_coordinator_of(person, today)
    if networks:
        raise RuleViolation(
            "N4",
            _(
                "%(name)s är ensam samordnare för %(networks)s. Utse en ny samordnare först; "
                "varje aktivt nätverk ska ha en samordnare."
            )
            % {"name": person.name, "networks": ", ".join(n.name for n in networks)},
        )


def end_person(
    actor: Any, person: Person, *, reason: str, today: datetime.date | None = None
) -> PersonEnding:
    """End `person` today, for `reason`. Everything in one transaction: a refusal, or a
    failure in any room's receiver, leaves the person as they were."""
    require_secretariat(actor)
    reason = reason.replace("\x00", "").strip()
    if not reason:
        raise ServiceError(_("Ange varför personen avslutas."), field="reason")
    if len(reason) > REASON_MAX:
        raise ServiceError(
            _("Anledningen får vara högst %(max)d tecken.") % {"max": REASON_MAX}, field="reason"
        )
    actor_person = person_for(actor)
    if actor_person is not None and actor_person.pk == person.pk:
        raise PermissionDenied(_("Du kan inte avsluta dig själv; be någon annan i sekretariatet."))
    day = today or timezone.localdate()
    with transaction.atomic(), acting(actor, "end_person", keeps_verb=True):
        person = Person.objects.select_for_update().get(pk=person.pk)
        check_can_end(person, day)
        removed = {name: getattr(person, name) for name in CONTACT_FIELDS}
        _end_roles(person, day)
        for name in CONTACT_FIELDS:
            setattr(person, name, "")
        person.pending_email_requested_at = None
        person.contact_confirmed_on = None
        person.is_secretariat = False
        person.anonymised_on = day
        person.save()
        ending = PersonEnding.objects.create(
            person=person, ended_on=day, reason=reason, ended_by=actor_person
        )
        person_ended.send(Person, actor=actor, person=person, today=day)
        scrub.remove_contact_details(person, removed)
    return ending


def _end_roles(person: Person, day: datetime.date) -> None:
    """Every role ends today: memberships (one not yet begun is removed: it was never held),
    working groups, a mandate held by the person alone, the management contacts, the
    directors' group, open onboarding tasks and invitations to a survey still open."""
    for membership in Membership.objects.filter(person=person).exclude(end_on__lt=day):
        if membership.start_on > day:
            membership.delete()
        else:
            membership.end(day)
    for group in WorkingGroup.objects.filter(members=person).exclude(end_on__lt=day):
        group.members.remove(person)
    for mandate in Mandate.objects.filter(people=person).exclude(end_on__lt=day):
        # A mandate shared with others goes on for them; the list of who held it is a record.
        if mandate.people.count() == 1:
            mandate.end(max(day, mandate.start_on))
    for contact in ManagementContact.objects.filter(person=person):
        contact.delete()
    for director in DirectorsGroupMember.objects.filter(person=person):
        director.delete()
    for task in OnboardingTask.objects.filter(representative=person, done_on__isnull=True):
        task.representative = None
        task.save(update_fields=["representative"])
    Invitation.objects.filter(
        person=person,
        round__state__in=[SurveyRound.State.OPEN, SurveyRound.State.SCHEDULED],
    ).delete()
    # Notices still waiting for their e-mail go to the inbox only: the address is gone.
    Notification.objects.filter(
        recipient=person,
        email_status__in=[
            Notification.EmailStatus.PENDING,
            Notification.EmailStatus.FAILED,
            Notification.EmailStatus.DIGEST,  # issue 16 B2: waiting for the daily digest
        ],
    ).update(email_status=Notification.EmailStatus.SKIPPED)
