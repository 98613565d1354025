"""A whole network as one JSON document for archiving (C1), collected from the parts the rooms
register (issue 15 §4): the network, its plans, members, participations, requests and its whole
history here; meetings, agreements, matters, costs, material and survey results in each room's
`archive.py` (`@export_part(...)`, found by core/plugins.py). The same parts, item by item, make
the archive package of a closed network (records/archive).

Questions to the secretariat (ST1) are not the network's: they are between the asker and the
secretariat, so neither they nor their history entries are in the document, for anyone who
exports it (issue 13). The secretariat keeps them in its question inbox. No part may add them."""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.history.models import HistoryEntry
from samverkan.history.selectors import shared_entries
from samverkan.networks.models import Network

# 2: without the questions to the secretariat (issue 13). 3: every room's part (issue 15).
FORMAT = "samverkan.network/3"
# Rows read from the database at a time: a part's items stream, whatever the network's size.
CHUNK = 200

Items = Callable[[Network], Any]


@dataclass(frozen=True)
class StoredFile:
    """An uploaded file that belongs in the archive package beside an item's data."""

    name: str  # its file name in the package, inside the part's (or the item's) folder
    storage_name: str  # its name in the default storage


@dataclass(frozen=True)
class ExportPart:
    """One part of a network's export.

    `items(network)` returns the part's JSON-able data: one dict for a `single` part, otherwise
    an iterable of dicts, read in chunks so that a network with 500 meetings streams. In the
    archive package a part is one JSON file and one PDF, or, with `each`, a folder with one
    JSON file (and the room's documents) per item, named by `item_name`. `files(item)` names
    the uploaded files that go with an item."""

    key: str
    title: Any
    items: Items
    order: int = 100
    single: bool = False
    each: bool = False
    item_name: Callable[[dict[str, Any]], str] | None = None
    files: Callable[[dict[str, Any]], Iterable[StoredFile]] | None = None


PARTS: dict[str, ExportPart] = {}


def export_part(
    key: str,
    title: Any,
    *,
    order: int = 100,
    single: bool = False,
    each: bool = False,
    item_name: Callable[[dict[str, Any]], str] | None = None,
    files: Callable[[dict[str, Any]], Iterable[StoredFile]] | None = None,
) -> Callable[[Items], Items]:
    """Register the decorated function as the part `key` of every network's export."""

    def register(items: Items) -> Items:
        PARTS[key] = ExportPart(key, title, items, order, single, each, item_name, files)
        return items

    return register


def export_parts() -> list[ExportPart]:
    from samverkan.core.plugins import discover

    discover()
    return sorted(PARTS.values(), key=lambda p: (p.order, p.key))


def export_network(network: Network) -> dict[str, Any]:
    """The whole network as one document (today's JSON button and the API)."""
    document: dict[str, Any] = {"format": FORMAT, "exported_at": timezone.now().isoformat()}
    for part in export_parts():
        data = part.items(network)
        document[part.key] = data if part.single else list(data)
    return document


def d(value: datetime.date | datetime.datetime | None) -> str | None:
    """A date or a datetime as ISO 8601 (datetimes in UTC, as stored), or None."""
    return value.isoformat() if value is not None else None


def name_of(obj: Any) -> str | None:
    """The name of a related person, municipality or organisation, or None."""
    return obj.name if obj is not None else None


# ---- the network's own parts ---------------------------------------------------------------


@export_part("network", _("Nätverket"), order=0, single=True)
def network_part(network: Network) -> dict[str, Any]:
    return {
        "name": network.name,
        "slug": network.slug,
        "area": network.area.name,
        "status": network.status,
        "description": network.description,
        "proposal_reason": network.proposal_reason,
        "proposed_on": d(network.proposed_on),
        "started_on": d(network.started_on),
        "closed_on": d(network.closed_on),
        "close_reason": network.close_reason,
    }


@export_part("plans", _("Årsplaner"), order=10)
def plans_part(network: Network) -> Iterator[dict[str, Any]]:
    plans = network.year_plans.prefetch_related("development_areas").order_by("year")
    for p in plans.iterator(chunk_size=CHUNK):
        yield {
            "year": p.year,
            "state": p.state,
            "adopted_on": d(p.adopted_on),
            "purpose": p.purpose,
            "goals": p.goals,
            "meeting_organisation": p.meeting_organisation,
            "contribution": p.contribution,
            "development_areas": [a.name for a in p.development_areas.all()],
        }


@export_part("members", _("Medlemmar och roller över tid"), order=20)
def members_part(network: Network) -> Iterator[dict[str, Any]]:
    memberships = network.memberships.select_related("person", "municipality").order_by(
        "start_on", "pk"
    )
    for m in memberships.iterator(chunk_size=CHUNK):
        yield {
            "person": m.person.name,
            "email": m.person.email,
            "municipality": name_of(m.municipality),
            "role": m.role,
            "start_on": d(m.start_on),
            "end_on": d(m.end_on),
        }


@export_part("participations", _("Deltagande kommuner"), order=30)
def participations_part(network: Network) -> Iterator[dict[str, Any]]:
    participations = network.participations.select_related("municipality").order_by(
        "municipality__name"
    )
    for p in participations.iterator(chunk_size=CHUNK):
        yield {
            "municipality": p.municipality.name,
            "municipality_code": p.municipality.code,
            "invited_on": d(p.invited_on),
            "answer": p.answer,
            "answered_on": d(p.answered_on),
            "consulted_on": d(p.consulted_on),
            "joined_on": d(p.joined_on),
            "left_on": d(p.left_on),
            "leave_reason": p.leave_reason,
        }


@export_part("participation_requests", _("Begäran om att gå med eller lämna"), order=35)
def requests_part(network: Network) -> Iterator[dict[str, Any]]:
    requests = network.participation_requests.select_related(
        "municipality", "requested_by", "decided_by"
    ).order_by("requested_on", "pk")
    for r in requests.iterator(chunk_size=CHUNK):
        yield {
            "municipality": r.municipality.name,
            "kind": r.kind,
            "state": r.state,
            "reason": r.reason,
            "requested_on": d(r.requested_on),
            "requested_by": name_of(r.requested_by),
            "decided_on": d(r.decided_on),
            "decided_by": name_of(r.decided_by),
        }


@export_part("history", _("Historik"), order=1000)
def history_part(network: Network) -> Iterator[dict[str, Any]]:
    history = (
        shared_entries(HistoryEntry.objects.filter(network=network))
        .select_related("actor", "content_type")
        .order_by("timestamp", "pk")
    )
    for h in history.iterator(chunk_size=CHUNK):
        yield {
            "at": d(h.timestamp),
            "actor": str(h.actor) if h.actor else None,
            "via_link_for": h.via_link_for or None,  # an answer by e-mailed link
            "verb": h.verb,
            "action": h.get_action_display(),
            "object": f"{h.content_type.app_label}.{h.content_type.model}:{h.object_pk}",
            "object_repr": h.object_repr,
            "changes": h.changes,
        }
