"""The cooperation's retention decisions and the daily job that applies them (issue 15, §3).

Each kind of record is removed only where the secretariat has decided a period for it
(RetentionPolicy); the defaults keep everything but what survey anonymity needs. Each run
counts what it removed, per kind, in a RetentionRemoval row, which the history records with
the verb `apply_retention`. A run is idempotent for its day: what is removed is gone, so a
second run finds nothing more."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.history.context import acting
from samverkan.meetings.models import AgendaItem, Minutes
from samverkan.notifications.models import Notification
from samverkan.people.access import require_secretariat
from samverkan.people.models import Person, User
from samverkan.records.ending import scrub
from samverkan.records.models import PersonEnding, RetentionPolicy, RetentionRemoval
from samverkan.surveys.models import Invitation, SurveyRound

Kind = RetentionRemoval.Kind
POLICY_FIELDS = (
    "notices_months",
    "survey_invitations_days",
    "inactive_accounts_months",
    "names_in_records_years",
    "decision",
)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day where it has no such day)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover: every month has a 28th


def save_policy(actor: Any, **values: Any) -> RetentionPolicy:
    """The secretariat sets the retention decisions; unchanged settings write nothing."""
    require_secretariat(actor)
    unknown = set(values) - set(POLICY_FIELDS)
    if unknown:
        raise ServiceError(_("Okänd inställning: %(names)s.") % {"names": ", ".join(unknown)})
    policy = RetentionPolicy.current()
    changed = [name for name, value in values.items() if getattr(policy, name) != value]
    if not changed and policy.pk and RetentionPolicy.objects.filter(pk=policy.pk).exists():
        return policy
    for name in changed:
        setattr(policy, name, values[name])
    policy.decision = policy.decision.replace("\x00", "").strip()
    with transaction.atomic(), acting(actor, "save_retention_policy"):
        policy.save()
    return policy


# ---- the kinds of record ----------------------------------------------------------------------


def due_notices(policy: RetentionPolicy, today: datetime.date) -> Any:
    if policy.notices_months is None:
        return Notification.objects.none()
    cutoff = months_before(today, policy.notices_months)
    # A notice whose e-mail is still on its way is left for a later run.
    return Notification.objects.filter(created_at__date__lt=cutoff).exclude(
        email_status__in=[
            Notification.EmailStatus.PENDING,
            Notification.EmailStatus.SENDING,
            Notification.EmailStatus.DIGEST,  # issue 16 B2: waiting for the daily digest
        ]
    )


def due_invitations(policy: RetentionPolicy, today: datetime.date) -> Any:
    if policy.survey_invitations_days is None:
        return Invitation.objects.none()
    cutoff = today - datetime.timedelta(days=policy.survey_invitations_days)
    return Invitation.objects.filter(
        round__state=SurveyRound.State.CLOSED, round__closed_on__lte=cutoff
    )


def due_accounts(policy: RetentionPolicy, today: datetime.date) -> Any:
    """Active accounts unused for the period: never signed in since they were made, or not
    since. The server's operators (staff) are left to the admin."""
    if policy.inactive_accounts_months is None:
        return User.objects.none()
    cutoff = months_before(today, policy.inactive_accounts_months)
    return User.objects.filter(is_active=True, is_staff=False, is_superuser=False).filter(
        Q(last_login__date__lt=cutoff) | Q(last_login__isnull=True, date_joined__date__lt=cutoff)
    )


def due_names(policy: RetentionPolicy, today: datetime.date) -> Any:
    if policy.names_in_records_years is None:
        return PersonEnding.objects.none()
    years = policy.names_in_records_years
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return PersonEnding.objects.filter(pseudonymised_on__isnull=True, ended_on__lte=cutoff)


def pseudonym(person: Person) -> str:
    return f"Person {person.pk}"


def pseudonymise(ending: PersonEnding, today: datetime.date) -> None:
    """The ended person's name becomes "Person 123" in the records that name them: their
    row (so every minutes, attendance list, matter and mandate shows the pseudonym), the
    minutes and agenda of the meetings they attended, and the history about them."""
    person = Person.objects.select_for_update().get(pk=ending.person_id)
    name, alias = person.name, pseudonym(person)
    if not name or name == alias:
        return
    meetings = list(person.attendances.values_list("meeting_id", flat=True))
    texts: list[Any] = []
    for minutes in Minutes.objects.filter(meeting_id__in=meetings, text__contains=name):
        minutes.text = minutes.text.replace(name, alias)
        minutes.save(update_fields=["text"])
        texts.append((Minutes, minutes.pk))
    items = AgendaItem.objects.filter(meeting_id__in=meetings).filter(
        Q(title__contains=name) | Q(description__contains=name) | Q(outcome__contains=name)
    )
    for item in items:
        for field in ("title", "description", "outcome"):
            setattr(item, field, getattr(item, field).replace(name, alias))
        item.save(update_fields=["title", "description", "outcome"])
        texts.append((AgendaItem, item.pk))
    person.name = alias
    person.save(update_fields=["name"])
    ending.reason = ending.reason.replace(name, alias)
    ending.pseudonymised_on = today
    ending.save(update_fields=["reason", "pseudonymised_on"])
    more = None
    for model, pk in texts:
        q = scrub.entries_about(model, [pk])
        more = q if more is None else more | q
    scrub.pseudonymise_history(person, name, alias, more=more)


def close_inactive_account(user: User) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])  # its sessions end with it (accounts/sessions.py)


# ---- the daily job ------------------------------------------------------------------------


def _count(kind: str, count: int, today: datetime.date) -> None:
    if count:
        RetentionRemoval.objects.create(day=today, kind=kind, count=count)


def apply_retention(today: datetime.date | None = None) -> dict[str, int]:
    """Apply every retention decision that is due; returns the count per kind. Each kind is
    its own transaction, so that one failing leaves the others done."""
    day = today or timezone.localdate()
    policy = RetentionPolicy.current()
    counts: dict[str, int] = {}
    with transaction.atomic(), acting(None, "apply_retention"):
        _total, rows = due_notices(policy, day).delete()
        counts[Kind.NOTICES] = rows.get(Notification._meta.label, 0)
        _count(Kind.NOTICES, counts[Kind.NOTICES], day)
    with transaction.atomic(), acting(None, "apply_retention"):
        _total, rows = due_invitations(policy, day).delete()
        counts[Kind.SURVEY_INVITATIONS] = rows.get(Invitation._meta.label, 0)
        _count(Kind.SURVEY_INVITATIONS, counts[Kind.SURVEY_INVITATIONS], day)
    with transaction.atomic(), acting(None, "apply_retention"):
        users = list(due_accounts(policy, day))
        for user in users:
            close_inactive_account(user)
        counts[Kind.INACTIVE_ACCOUNTS] = len(users)
        _count(Kind.INACTIVE_ACCOUNTS, len(users), day)
    with transaction.atomic(), acting(None, "apply_retention"):
        endings = list(due_names(policy, day).select_for_update())
        for ending in endings:
            pseudonymise(ending, day)
        counts[Kind.NAMES] = len(endings)
        _count(Kind.NAMES, len(endings), day)
    return counts
