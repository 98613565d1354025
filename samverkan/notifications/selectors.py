from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from samverkan.notifications import kinds
from samverkan.notifications.models import Notification
from samverkan.people.access import person_for
from samverkan.people.models import Person


@dataclass(frozen=True)
class InboxFilter:
    """What the inbox shows (issue 16, point 6): only unread, one kind, one network."""

    unread: bool = False
    kind: str = ""
    network: str = ""  # the network's slug

    @property
    def active(self) -> bool:
        return self.unread or bool(self.kind) or bool(self.network)


def inbox(person: Person, filters: InboxFilter | None = None) -> QuerySet[Notification]:
    notices = (
        Notification.objects.filter(recipient=person).select_related("network").defer("attachments")
    )
    if filters is not None:
        if filters.unread:
            notices = notices.filter(read_at__isnull=True)
        if filters.kind:
            notices = notices.filter(kind=filters.kind)
        if filters.network:
            notices = notices.filter(network__slug=filters.network)
    return notices


def inbox_choices(person: Person) -> dict[str, list[tuple[str, str]]]:
    """The kinds and the networks of a person's notices, for the inbox's filter (two queries,
    however many notices): each as (value, label), sorted by label."""
    own = Notification.objects.filter(recipient=person).order_by()
    kind_codes = own.values_list("kind", flat=True).distinct()
    networks = (
        own.filter(network__isnull=False).values_list("network__slug", "network__name").distinct()
    )
    return {
        "kinds": sorted(((k, kinds.label(k)) for k in kind_codes), key=lambda c: c[1].lower()),
        "networks": sorted(networks, key=lambda c: c[1].lower()),
    }


def unresolved_network_ids(kind: str) -> set[int]:
    """The networks that have a notice of `kind` not yet resolved (issue 16, point 6)."""
    return set(
        Notification.objects.filter(kind=kind, resolved_at__isnull=True, network__isnull=False)
        .order_by()
        .values_list("network_id", flat=True)
        .distinct()
    )


def unread_count(user: Any) -> int:
    """The header's figure on every signed-in page: by the viewer's person (known already), on
    the partial index of unread notices, without joining people."""
    person = person_for(user)
    if person is None:
        return 0
    return Notification.objects.filter(recipient=person, read_at__isnull=True).count()


def failed_emails() -> QuerySet[Notification]:
    """Notices whose e-mail was given up, newest first, for the secretariat's list."""
    return (
        Notification.objects.filter(email_status=Notification.EmailStatus.FAILED)
        .select_related("recipient", "network")
        .defer("attachments", "body")
    )


def waiting_emails() -> dict[str, Any]:
    """Notices whose e-mail failed and waits for its next attempt: how many, and the first."""
    waiting = Notification.objects.filter(
        email_status=Notification.EmailStatus.PENDING, next_attempt_at__isnull=False
    )
    first = waiting.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    return {"count": waiting.count(), "next_attempt_at": first}
