"""The secret addresses of calendar feeds: one live token per network and per person, revoked
and renewed on request. A revoked token answers 404 like one that never existed."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.history.context import acting
from samverkan.meetings.models import CalendarFeed
from samverkan.networks.models import Network
from samverkan.people import policy
from samverkan.people.models import Person


def live_feed(
    *, network: Network | None = None, person: Person | None = None
) -> CalendarFeed | None:
    qs = CalendarFeed.objects.filter(revoked_at__isnull=True)
    return (qs.filter(network=network) if network else qs.filter(person=person)).first()


def _require_owner(actor: Any, network: Network | None, person: Person | None) -> None:
    if network is not None:
        if not policy.can_manage_meetings(actor, network):
            raise PermissionDenied(_("Du får inte ändra nätverkets kalenderflöde."))
        return
    viewer = policy.viewer_for(actor)
    if person is None or viewer.person is None or viewer.person.pk != person.pk:
        raise PermissionDenied(_("Du får bara ändra ditt eget kalenderflöde."))


def get_or_create_feed(
    actor: Any, *, network: Network | None = None, person: Person | None = None
) -> CalendarFeed:
    """The live feed, made on first use. A network's feed is for its members to read."""
    if network is not None:
        if not policy.can_read_internal(actor, network):
            raise PermissionDenied(_("Kalenderflödet är till för nätverkets medlemmar."))
    else:
        _require_owner(actor, None, person)
    feed = live_feed(network=network, person=person)
    if feed is not None:
        return feed
    with transaction.atomic(), acting(actor, "create_calendar_feed"):
        return CalendarFeed.objects.create(network=network, person=person)


def revoke_feed(actor: Any, feed: CalendarFeed) -> CalendarFeed:
    _require_owner(actor, feed.network, feed.person)
    if feed.revoked_at is not None:
        return feed
    with transaction.atomic(), acting(actor, "revoke_calendar_feed"):
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed


def renew_feed(actor: Any, feed: CalendarFeed) -> CalendarFeed:
    """Revoke the old secret address and make a new one, in one transaction."""
    _require_owner(actor, feed.network, feed.person)
    with transaction.atomic(), acting(actor, "renew_calendar_feed"):
        if feed.revoked_at is None:
            feed.revoked_at = timezone.now()
            feed.save(update_fields=["revoked_at"])
        return CalendarFeed.objects.create(network=feed.network, person=feed.person)


# ---- one action on a feed, for the pages and the API ---------------------------------------------


@dataclass(frozen=True)
class FeedChange:
    """What `change_feed` did: `done` is "created" (or shown, when it was there already),
    "renewed", "revoked" or "" for nothing; `feed` is the live feed afterwards, if any."""

    done: str
    feed: CalendarFeed | None


def change_feed(
    actor: Any, action: str, *, network: Network | None = None, person: Person | None = None
) -> FeedChange:
    """Show (making it on first use), renew or revoke the secret address of a network's feed or
    of a person's. Renewing a feed that is not there makes one; revoking it does nothing; an
    unknown action makes the feed if there is none and otherwise leaves it."""
    current = live_feed(network=network, person=person)
    if action == "revoke":
        if current is None:
            return FeedChange("", None)
        revoke_feed(actor, current)
        return FeedChange("revoked", None)
    if action == "renew" and current is not None:
        return FeedChange("renewed", renew_feed(actor, current))
    if action == "create" or current is None:
        return FeedChange("created", get_or_create_feed(actor, network=network, person=person))
    return FeedChange("", current)
