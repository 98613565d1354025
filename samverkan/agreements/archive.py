"""A network's agreement and what it governs in its export and archive package (issue 15 §4):
the agreement's versions with their parameters and the yearly reviews, the chairs, the
business plans with their focus areas, the matters, mandates and working groups."""

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from samverkan.agreements.models import (
    AgreementReview,
    AgreementVersion,
    BusinessPlan,
    Chairmanship,
    ChairMunicipality,
    FocusArea,
    Mandate,
    Matter,
    WorkingGroup,
)
from samverkan.agreements.selectors import PARAMETER_NAMES
from samverkan.networks.lifecycle.export import CHUNK, d, export_part, name_of
from samverkan.networks.models import Network


def _parameter(value: Any) -> Any:
    # The share is a Decimal: as text, so that the JSON keeps it exactly.
    return str(value) if value is not None and not isinstance(value, (bool, int, str)) else value


def _names(rows: Any) -> list[str]:
    return sorted(r.name for r in rows)


@export_part("agreement", _("Överenskommelsens versioner och årliga översyner"), order=40)
def agreement_part(network: Network) -> Iterator[dict[str, Any]]:
    versions = (
        AgreementVersion.objects.filter(agreement__network=network)
        .select_related("agreement", "adopted_at_meeting", "created_by")
        .order_by("number")
    )
    for v in versions.iterator(chunk_size=CHUNK):
        meeting = v.adopted_at_meeting
        yield {
            "kind": "version",
            "title": v.agreement.title,
            "number": v.number,
            "adopted_on": d(v.adopted_on),
            "adopted_at_meeting": d(meeting.starts_at) if meeting else None,
            "note": v.note,
            "text": v.text,
            "parameters": {p: _parameter(getattr(v, p)) for p in PARAMETER_NAMES},
        }
    reviews = (
        AgreementReview.objects.filter(network=network)
        .select_related("meeting", "version")
        .order_by("year")
    )
    for r in reviews.iterator(chunk_size=CHUNK):
        yield {
            "kind": "review",
            "year": r.year,
            "outcome": r.outcome,
            "held_on": d(r.held_on),
            "meeting": d(r.meeting.starts_at) if r.meeting else None,
            "new_version": r.version.number if r.version else None,
            "note": r.note,
        }


@export_part("chairs", _("Ordförandeskap"), order=42)
def chairs_part(network: Network) -> Iterator[dict[str, Any]]:
    terms = (
        Chairmanship.objects.filter(network=network)
        .prefetch_related(
            Prefetch(
                "chairs",
                queryset=ChairMunicipality.objects.select_related(
                    "municipality", "person"
                ).order_by("municipality__name"),
            )
        )
        .order_by("year")
    )
    for t in terms.iterator(chunk_size=CHUNK):
        yield {
            "year": t.year,
            "term_years": t.term_years,
            "appointed_on": d(t.appointed_on),
            "chairs": [
                {"municipality": c.municipality.name, "person": name_of(c.person)}
                for c in t.chairs.all()
            ],
        }


@export_part("business_plans", _("Verksamhetsplaner"), order=44)
def business_plans_part(network: Network) -> Iterator[dict[str, Any]]:
    plans = (
        BusinessPlan.objects.filter(network=network)
        .prefetch_related(
            Prefetch(
                "focus_areas",
                queryset=FocusArea.objects.prefetch_related("municipalities").order_by("name"),
            )
        )
        .order_by("year")
    )
    for p in plans.iterator(chunk_size=CHUNK):
        yield {
            "year": p.year,
            "state": p.state,
            "adopted_on": d(p.adopted_on),
            "summary": p.summary,
            "focus_areas": [
                {
                    "name": f.name,
                    "description": f.description,
                    "municipalities": _names(f.municipalities.all()),
                }
                for f in p.focus_areas.all()
            ],
        }


@export_part("matters", _("Frågor"), order=60)
def matters_part(network: Network) -> Iterator[dict[str, Any]]:
    matters = (
        Matter.objects.filter(network=network)
        .select_related("raised_by", "focus_area", "working_group")
        .prefetch_related("concerned", "organisations")
        .order_by("raised_on", "pk")
    )
    for m in matters.iterator(chunk_size=CHUNK):
        yield {
            "id": m.pk,
            "title": m.title,
            "description": m.description,
            "raised_on": d(m.raised_on),
            # None: raised by the network itself (F1).
            "raised_by": name_of(m.raised_by),
            "status": m.status,
            "status_changed_on": d(m.status_changed_on),
            "with_region": m.with_region,
            "concerned": _names(m.concerned.all()),
            "organisations": _names(m.organisations.all()),
            "focus_area": name_of(m.focus_area),
            "working_group": name_of(m.working_group),
        }


@export_part("mandates", _("Uppdrag"), order=62)
def mandates_part(network: Network) -> Iterator[dict[str, Any]]:
    mandates = (
        Mandate.objects.filter(network=network)
        .select_related("matter", "organisation")
        .prefetch_related("people", "represents")
        .order_by("start_on", "pk")
    )
    for m in mandates.iterator(chunk_size=CHUNK):
        yield {
            "arena": m.arena,
            "matter": m.matter.title if m.matter else None,
            "organisation": name_of(m.organisation),
            "people": _names(m.people.all()),
            "represents": _names(m.represents.all()),
            "start_on": d(m.start_on),
            "end_on": d(m.end_on),
        }


@export_part("working_groups", _("Arbetsgrupper"), order=64)
def working_groups_part(network: Network) -> Iterator[dict[str, Any]]:
    groups = (
        WorkingGroup.objects.filter(network=network)
        .select_related("focus_area", "contact")
        .prefetch_related("members")
        .order_by("name", "pk")
    )
    for g in groups.iterator(chunk_size=CHUNK):
        yield {
            "name": g.name,
            "focus_area": name_of(g.focus_area),
            "contact": g.contact.name,
            "members": _names(g.members.all()),
            "start_on": d(g.start_on),
            "end_on": d(g.end_on),
        }
