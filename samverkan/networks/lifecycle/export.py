"""A whole network as one JSON document for archiving (C1): the network, its plans, members,
participations, requests, material and its whole history.

Questions to the secretariat (ST1) are not the network's: they are between the asker and the
secretariat, so neither they nor their history entries are in the document, for anyone who
exports it (issue 13). The secretariat keeps them in its question inbox."""

import datetime
from typing import Any

from django.utils import timezone

from samverkan.history.models import HistoryEntry
from samverkan.history.selectors import shared_entries
from samverkan.networks.models import Network

# 2: without the questions to the secretariat (issue 13).
FORMAT = "samverkan.network/2"


def _d(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_network(network: Network) -> dict[str, Any]:
    plans = network.year_plans.prefetch_related("development_areas").order_by("year")
    memberships = network.memberships.select_related("person", "municipality").order_by(
        "start_on", "pk"
    )
    participations = network.participations.select_related("municipality").order_by(
        "municipality__name"
    )
    requests = network.participation_requests.select_related(
        "municipality", "requested_by", "decided_by"
    ).order_by("requested_on", "pk")
    history = (
        shared_entries(HistoryEntry.objects.filter(network=network))
        .select_related("actor", "content_type")
        .order_by("timestamp", "pk")
    )
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(),
        "network": {
            "name": network.name,
            "slug": network.slug,
            "area": network.area.name,
            "status": network.status,
            "description": network.description,
            "proposal_reason": network.proposal_reason,
            "proposed_on": _d(network.proposed_on),
            "started_on": _d(network.started_on),
            "closed_on": _d(network.closed_on),
            "close_reason": network.close_reason,
        },
        "plans": [
            {
                "year": p.year,
                "state": p.state,
                "adopted_on": _d(p.adopted_on),
                "purpose": p.purpose,
                "goals": p.goals,
                "meeting_organisation": p.meeting_organisation,
                "contribution": p.contribution,
                "development_areas": [a.name for a in p.development_areas.all()],
            }
            for p in plans
        ],
        "members": [
            {
                "person": m.person.name,
                "email": m.person.email,
                "municipality": m.municipality.name if m.municipality else None,
                "role": m.role,
                "start_on": _d(m.start_on),
                "end_on": _d(m.end_on),
            }
            for m in memberships
        ],
        "participations": [
            {
                "municipality": p.municipality.name,
                "municipality_code": p.municipality.code,
                "invited_on": _d(p.invited_on),
                "answer": p.answer,
                "answered_on": _d(p.answered_on),
                "consulted_on": _d(p.consulted_on),
                "joined_on": _d(p.joined_on),
                "left_on": _d(p.left_on),
                "leave_reason": p.leave_reason,
            }
            for p in participations
        ],
        "participation_requests": [
            {
                "municipality": r.municipality.name,
                "kind": r.kind,
                "state": r.state,
                "reason": r.reason,
                "requested_on": _d(r.requested_on),
                "requested_by": r.requested_by.name if r.requested_by else None,
                "decided_on": _d(r.decided_on),
                "decided_by": r.decided_by.name if r.decided_by else None,
            }
            for r in requests
        ],
        "material": [
            {
                "title": m.title,
                "file": m.file.name,
                "uploaded_at": _d(m.uploaded_at),
                "reviewed_on": _d(m.reviewed_on),
            }
            for m in network.material.all()
        ],
        "history": [
            {
                "at": _d(h.timestamp),
                "actor": str(h.actor) if h.actor else None,
                "via_link_for": h.via_link_for or None,  # an answer by e-mailed link
                "verb": h.verb,
                "action": h.get_action_display(),
                "object": f"{h.content_type.app_label}.{h.content_type.model}:{h.object_pk}",
                "object_repr": h.object_repr,
                "changes": h.changes,
            }
            for h in history
        ],
    }
