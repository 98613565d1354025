"""Socialchefsnätverket's agreement (seed 003, SPEC §2 parameters), through the agreements
services: two versions (so the page shows a difference), last year's review, business plans with
focus areas, chairs, matters with Region Skåne and a mandate, and a working group."""

import datetime
from typing import Any

from samverkan.agreements.matters import (
    advance_matter,
    mandate,
    record_matter,
    start_working_group,
)
from samverkan.agreements.models import Agreement, AgreementReview, FocusArea, Matter
from samverkan.agreements.services import (
    adopt_agreement_version,
    adopt_business_plan,
    appoint_chairs,
    record_review,
    save_business_plan,
    save_focus_area,
)
from samverkan.cooperation.models import Municipality, Organisation
from samverkan.demo import data
from samverkan.demo.people import secretariat
from samverkan.networks.models import Membership, Network

SLUG = data.SOCIALCHEF_SLUG
SPEC_PARAMETERS = data.SPEC_PARAMETERS


def load(today: datetime.date, actor: Any = None) -> int:
    """Returns 1 when loaded, 0 when the network is missing or already has an agreement."""
    network = Network.objects.filter(slug=SLUG).first()
    if network is None or Agreement.objects.filter(network=network).exists():
        return 0
    actor = actor or secretariat()
    year = today.year
    munis = list(Municipality.objects.order_by("name"))
    by_name = {m.name: m for m in munis}
    coordinator = (
        Membership.objects.filter(network=network, role=Membership.Role.COORDINATOR)
        .select_related("person")
        .get()
        .person
    )
    old_parameters = {
        **SPEC_PARAMETERS,
        "substitutes_allowed": True,
        "review_at_last_meeting": False,
        "meetings_per_year": 8,
    }
    adopt_agreement_version(
        actor,
        network,
        text=data.INTRO.replace("ca tio", "ca åtta") + "\n" + data.COMMITMENT_OLD,
        parameters=old_parameters,
        adopted_on=datetime.date(year - 3, 1, 1),
        note="Första överenskommelsen",
    )
    revised_on = datetime.date(year - 1, 12, 9)
    current = adopt_agreement_version(
        actor,
        network,
        text=data.INTRO + "\n" + data.COMMITMENT,
        parameters=SPEC_PARAMETERS,
        adopted_on=revised_on,
        note="Inga ersättare, årlig översyn, tio möten",
    )
    record_review(
        actor,
        network,
        year=year - 1,
        outcome=AgreementReview.Outcome.REVISED,
        held_on=revised_on,
        version=current,
        note=data.REVIEW_NOTE,
    )
    areas = _business_plans(actor, network, year, munis)
    _chairs(actor, network, year, by_name)
    placements = areas["Placeringsplanering för barn och unga"]
    group = start_working_group(
        actor,
        network,
        name=data.WORKING_GROUP,
        contact=coordinator,
        focus_area=placements,
        start_on=datetime.date(year, 2, 1),
    )
    region = Organisation.objects.get(is_region=True)
    for i, (title, raised_by, concerned, status, with_region, focus, in_group) in enumerate(
        data.MATTERS
    ):
        raised_on = datetime.date(year, 1 + 2 * i, 15)
        concerned_munis = munis if concerned is None else [by_name[n] for n in concerned]
        matter = record_matter(
            actor,
            network,
            title=title,
            concerned=concerned_munis,
            raised_by=by_name[raised_by] if raised_by else None,
            with_region=with_region,
            organisations=[region] if with_region else [],
            focus_area=areas[focus] if focus else None,
            working_group=group if in_group else None,
            raised_on=raised_on,
        )
        if status != Matter.Status.RAISED:
            advance_matter(
                actor, matter, status=status, today=raised_on + datetime.timedelta(days=21)
            )
        if with_region:
            mandate(
                actor,
                network,
                people=[coordinator],
                arena=data.MANDATE_ARENA,
                start_on=datetime.date(year, 3, 1),
                end_on=datetime.date(year, 12, 31),
                matter=matter,
                organisation=region,
                represents=concerned_munis,
            )
    return 1


def _business_plans(
    actor: Any, network: Network, year: int, munis: list[Municipality]
) -> dict[str, FocusArea]:
    """Last year's, this year's and next year's plans with their focus areas (PR1); the first
    two adopted at the December meeting before their year (CO3), next year's a draft. Returns
    this year's focus areas by name."""
    areas: dict[str, FocusArea] = {}
    for offset, rows in data.FOCUS_AREAS.items():
        plan_year = year + offset
        december = datetime.date(plan_year - 1, 12, 9)
        plan = save_business_plan(
            actor, network, year=plan_year, summary=data.BUSINESS_PLAN_SUMMARY
        )
        for i, (name, count) in enumerate(rows):
            area = save_focus_area(
                actor,
                plan,
                name=name,
                municipalities=[munis[(i * 3 + k) % len(munis)] for k in range(count)],
                today=december,
            )
            if offset == 0:
                areas[name] = area
        if offset <= 0:
            adopt_business_plan(actor, plan, today=december)
    return areas


def _chairs(actor: Any, network: Network, year: int, by_name: dict[str, Municipality]) -> None:
    """The chairs of the last three years, appointed each November before (CH2), each
    municipality's member of the network in the chair."""
    for offset, names in data.CHAIRS.items():
        chosen = [by_name[n] for n in names]
        members = {
            m.municipality_id: m.person
            for m in Membership.objects.filter(
                network=network, role=Membership.Role.MEMBER, municipality__in=chosen
            ).select_related("person")
        }
        appoint_chairs(
            actor,
            network,
            year=year + offset,
            municipalities=chosen,
            people={m.pk: members.get(m.pk) for m in chosen},
            appointed_on=datetime.date(year + offset - 1, 11, 20),
        )
