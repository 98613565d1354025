"""The secret addresses of calendar feeds: one live token per network and per person, revoked
and renewed on request. A revoked token answers 404 like one that never existed."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from samverkan.history.context import acting
from samverkan.meetings.access import (
    require_can_change_feed,
    require_can_change_feed_of,
    require_can_read_network_feed,
)
from samverkan.meetings.models import CalendarFeed
from samverkan.networks.models import Network
from samverkan.people.models import Person


def live_feed(
    *, network: Network | None = None, person: Person | None = None
) -> CalendarFeed | None:
    qs = CalendarFeed.objects.filter(revoked_at__isnull=True)
    return (qs.filter(network=network) if network else qs.filter(person=person)).first()


def get_or_create_feed(
    actor: Any, *, network: Network | None = None, person: Person | None = None
) -> CalendarFeed:
    """The live feed, made on first use. A network's feed is for its members to read."""
    if network is not None:
        require_can_read_network_feed(actor, network)
    else:
        require_can_change_feed(actor, person=person)
    feed = live_feed(network=network, person=person)
    if feed is not None:
        return feed
    with transaction.atomic(), acting(actor, "create_calendar_feed"):
        return CalendarFeed.objects.create(network=network, person=person)


def revoke_feed(actor: Any, feed: CalendarFeed) -> CalendarFeed:
    require_can_change_feed_of(actor, feed)
    if feed.revoked_at is not None:
        return feed
    with transaction.atomic(), acting(actor, "revoke_calendar_feed"):
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed


def renew_feed(actor: Any, feed: CalendarFeed) -> CalendarFeed:
    """Revoke the old secret address and make a new one, in one transaction."""
    require_can_change_feed_of(actor, feed)
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
