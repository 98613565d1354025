"""The secret addresses of calendar feeds: one live feed per person for their own meetings and
one per person and network for a network's meetings, revoked and renewed on request, with an
optional last day. Only a hash of each secret is stored (issue 13): the address is given back
once, by the action that made it, and never again. A revoked, expired or unknown secret
answers 404, and so does a network feed whose person is no longer in the network."""

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError
from samverkan.core.races import conflict_on_unique
from samverkan.history.context import acting
from samverkan.meetings.access import require_can_change_feed, require_can_read_network_feed
from samverkan.meetings.models import CalendarFeed, feed_url, hash_feed_token
from samverkan.networks.models import Network
from samverkan.people.access import person_for
from samverkan.people.models import Person


def new_feed_secret() -> str:
    return secrets.token_urlsafe(32)


def feed_holder(
    actor: Any, *, network: Network | None = None, person: Person | None = None
) -> Person:
    """Whose feed the actor asks for: their own feed of `network` (its members only), or
    `person`'s own feed (that person only)."""
    if network is not None:
        require_can_read_network_feed(actor, network)
        holder = person_for(actor)
        if holder is None:
            raise PermissionDenied(_("Kalenderflödet är till för nätverkets medlemmar."))
        return holder
    require_can_change_feed(actor, person=person)
    assert person is not None  # require_can_change_feed refuses anyone else
    return person


def live_feed(*, person: Person | None, network: Network | None = None) -> CalendarFeed | None:
    """The person's live (not revoked) feed of `network`, or of their own meetings; it may
    have expired, which the pages say."""
    if person is None:
        return None
    return CalendarFeed.objects.filter(
        revoked_at__isnull=True, person=person, network=network
    ).first()


def _check_expiry(expires_on: datetime.date | None, today: datetime.date) -> None:
    if expires_on is not None and expires_on < today:
        raise ServiceError(_("Sista giltighetsdag kan inte ligga före i dag."), field="expires_on")


def _make(
    person: Person, network: Network | None, expires_on: datetime.date | None
) -> tuple[CalendarFeed, str]:
    secret = new_feed_secret()
    # Two new addresses asked for at once (a double click): the later meets the constraint of
    # one live feed per person and network (issue 18 §2).
    with conflict_on_unique():
        feed = CalendarFeed.objects.create(
            network=network,
            person=person,
            token_hash=hash_feed_token(secret),
            expires_on=expires_on,
        )
    return feed, secret


def create_feed(
    actor: Any,
    *,
    network: Network | None = None,
    person: Person | None = None,
    expires_on: datetime.date | None = None,
) -> tuple[CalendarFeed, str]:
    """A new feed for the actor, with its plain secret (to show once). One already live is
    revoked first: there is never more than one live address per feed."""
    holder = feed_holder(actor, network=network, person=person)
    _check_expiry(expires_on, timezone.localdate())
    with transaction.atomic(), acting(actor, "create_calendar_feed"):
        current = live_feed(person=holder, network=network)
        if current is not None:
            current.revoked_at = timezone.now()
            current.save(update_fields=["revoked_at"])
        return _make(holder, network, expires_on)


def revoke_feed(actor: Any, feed: CalendarFeed) -> CalendarFeed:
    require_can_change_feed(actor, person=feed.person)
    if feed.revoked_at is not None:
        return feed
    with transaction.atomic(), acting(actor, "revoke_calendar_feed"):
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed


def renew_feed(
    actor: Any, feed: CalendarFeed, *, expires_on: datetime.date | None = None
) -> tuple[CalendarFeed, str]:
    """Revoke the old secret address and make a new one, in one transaction."""
    require_can_change_feed(actor, person=feed.person)
    if feed.network is not None:
        require_can_read_network_feed(actor, feed.network)
    _check_expiry(expires_on, timezone.localdate())
    assert feed.person is not None  # a live feed always has its person
    with transaction.atomic(), acting(actor, "renew_calendar_feed"):
        if feed.revoked_at is None:
            feed.revoked_at = timezone.now()
            feed.save(update_fields=["revoked_at"])
        return _make(feed.person, feed.network, expires_on)


# ---- one action on a feed, for the pages and the API ---------------------------------------------


@dataclass(frozen=True)
class FeedChange:
    """What `change_feed` did: `done` is "created", "renewed", "revoked" or "" for nothing;
    `feed` is the live feed afterwards, if any; `url` its secret address, only when this
    action made it (it is not kept, so it cannot be shown again)."""

    done: str
    feed: CalendarFeed | None
    url: str | None = None


def change_feed(
    actor: Any,
    action: str,
    *,
    network: Network | None = None,
    person: Person | None = None,
    expires_on: datetime.date | None = None,
) -> FeedChange:
    """Make, renew or revoke the actor's feed of a network (`network`) or their own
    (`person`). Renewing a feed that is not there makes one, and so does any other action
    but revoking; revoking it does nothing. Making one, or an unknown action, leaves a live
    feed as it is: its address cannot be shown again (renew it for a new one)."""
    holder = feed_holder(actor, network=network, person=person)
    current = live_feed(person=holder, network=network)
    if action == "revoke":
        if current is None:
            return FeedChange("", None)
        revoke_feed(actor, current)
        return FeedChange("revoked", None)
    if action == "renew" and current is not None:
        feed, secret = renew_feed(actor, current, expires_on=expires_on)
        return FeedChange("renewed", feed, feed_url(secret))
    if current is None:
        feed, secret = create_feed(actor, network=network, person=holder, expires_on=expires_on)
        return FeedChange("created", feed, feed_url(secret))
    return FeedChange("", current)
