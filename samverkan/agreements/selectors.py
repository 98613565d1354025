"""Reads of agreements and what they govern, for pages, the API, compliance and other apps.

Other apps read a network's agreement only through `agreement_parameters` / `parameters_for`:
a network without an agreement gets the defaults, i.e. the checklist alone (SPEC §2)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from django.apps import apps
from django.utils import timezone

from samverkan.agreements.models import (
    AgreementVersion,
    BusinessPlan,
    Chairmanship,
    ChairMunicipality,
    FocusArea,
    Mandate,
    Matter,
    OnboardingTask,
    WorkingGroup,
)
from samverkan.cooperation.models import Municipality
from samverkan.networks.models import Membership, Network, Participation
from samverkan.people.models import Person


@dataclass(frozen=True)
class AgreementParameters:
    """The parameters of SPEC §2 (F2 … CO3); every one off by default."""

    min_municipalities_per_matter: int | None = None  # F2
    min_focus_areas: int | None = None  # PR1
    focus_area_min_share: float | None = None  # PR1, 0..1
    cost_sharing: str = ""  # PR2: "population", "equal" or "" for none
    onboarding_representative: bool = False  # PR3
    meetings_per_year: int | None = None  # CH1
    chair_municipalities: int | None = None  # CH2
    chair_term_years: int | None = None  # CH2
    secretary_title: str = ""  # CH3
    substitutes_allowed: bool = True  # CO1
    review_at_last_meeting: bool = False  # CO2
    business_plan_required: bool = False  # CO3

    @classmethod
    def from_version(cls, version: AgreementVersion | None) -> "AgreementParameters":
        if version is None:
            return cls()
        values = {f.name: getattr(version, f.name) for f in fields(cls)}
        share = values["focus_area_min_share"]
        values["focus_area_min_share"] = float(share) if share is not None else None
        return cls(**values)

    def as_dict(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


PARAMETER_NAMES = [f.name for f in fields(AgreementParameters)]

_SWEDISH = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def swedish_key(name: str) -> str:
    """Sort as Swedish does: å, ä, ö after z (Unicode puts ä before å)."""
    return name.lower().translate(_SWEDISH)


def _versions_in_force(
    network_ids: Iterable[int], on: datetime.date
) -> dict[int, AgreementVersion]:
    """The version in force on a day per network: the latest adopted on or before it.
    One query."""
    out: dict[int, AgreementVersion] = {}
    rows = (
        AgreementVersion.objects.filter(
            agreement__network_id__in=list(network_ids), adopted_on__lte=on
        )
        .select_related("agreement")
        .order_by("agreement__network_id", "-adopted_on", "-number")
    )
    for version in rows:
        out.setdefault(version.agreement.network_id, version)
    return out


def version_in_force(
    network: Network, *, on: datetime.date | None = None
) -> AgreementVersion | None:
    day = on or timezone.localdate()
    return _versions_in_force([network.pk], day).get(network.pk)


def agreement_parameters(
    network: Network, *, on: datetime.date | None = None
) -> AgreementParameters:
    """The parameters of the agreement version in force on `on` (today by default)."""
    return AgreementParameters.from_version(version_in_force(network, on=on))


def parameters_for(network_ids: Iterable[int], on: datetime.date) -> dict[int, AgreementParameters]:
    """Parameters for many networks in one query; networks without an agreement get the
    defaults."""
    ids = list(network_ids)
    versions = _versions_in_force(ids, on)
    return {i: AgreementParameters.from_version(versions.get(i)) for i in ids}


def chairmanship_for(network: Network, year: int) -> Chairmanship | None:
    """The term that covers `year` (a term may last several years, CH2)."""
    candidates = (
        Chairmanship.objects.filter(network=network, year__lte=year)
        .prefetch_related("chairs__municipality", "chairs__person")
        .order_by("-year")
    )
    for chairmanship in candidates[:1]:
        if chairmanship.covers(year):
            return chairmanship
    return None


def chair_municipalities(network: Network, year: int) -> list[Municipality]:
    """CH2: the chair municipalities of the year, by name; empty when none are appointed.
    Hosting belongs to the chair, so the meetings app reads its hosts from here."""
    chairmanship = chairmanship_for(network, year)
    if chairmanship is None:
        return []
    return sorted(
        (c.municipality for c in chairmanship.chairs.all()), key=lambda m: swedish_key(m.name)
    )


def participating_ids(network: Network, day: datetime.date) -> set[int]:
    return set(
        Participation.objects.on(day)
        .filter(network=network)
        .values_list("municipality_id", flat=True)
    )


def names_outside(chosen: Iterable[Municipality | Person], allowed: set[int]) -> str:
    """The names of the chosen that are not allowed, together, or "" when all are: a refusal
    names every one at once, so that the user can correct the whole choice in one go."""
    return ", ".join(c.name for c in chosen if c.pk not in allowed)


def participation_day(year: int, today: datetime.date) -> datetime.date:
    """The day on which chairs and focus areas for a year are judged: a coming year's first
    day; for this or a past year, today or the year's last day."""
    start = datetime.date(year, 1, 1)
    if start >= today:
        return start
    return min(today, datetime.date(year, 12, 31))


@dataclass(frozen=True)
class ChairCandidate:
    municipality: Municipality
    last_year: int | None
    terms: int


def propose_chairs(
    network: Network, year: int, *, count: int | None = None
) -> list[ChairCandidate]:
    """CH2 (SPEC §4 'The year'): next year's chairs, fairly: the participating municipalities
    that chaired longest ago, never first; ties by fewest terms, then name."""
    day = datetime.date(year, 1, 1)
    municipalities = list(
        Municipality.objects.filter(
            pk__in=Participation.objects.on(day).filter(network=network).values("municipality_id")
        )
    )
    history: dict[int, list[int]] = {}
    for chair_year, municipality_id in ChairMunicipality.objects.filter(
        chairmanship__network=network, chairmanship__year__lt=year
    ).values_list("chairmanship__year", "municipality_id"):
        history.setdefault(municipality_id, []).append(chair_year)
    candidates = [
        ChairCandidate(
            municipality=m,
            last_year=max(history[m.pk]) if m.pk in history else None,
            terms=len(history.get(m.pk, [])),
        )
        for m in municipalities
    ]
    candidates.sort(
        key=lambda c: (
            c.last_year is not None,
            c.last_year or 0,
            c.terms,
            swedish_key(c.municipality.name),
        )
    )
    if count is None:
        count = agreement_parameters(network, on=day).chair_municipalities or 2
    return candidates[:count]


# ---- pages ------------------------------------------------------------------------------------


def versions(network: Network) -> list[AgreementVersion]:
    """Every version of a network's agreement, newest first."""
    return list(
        AgreementVersion.objects.filter(agreement__network=network)
        .select_related("created_by")
        .order_by("-number")
    )


@dataclass(frozen=True)
class DiffLine:
    """One line of a text difference: kind is 'added', 'removed' or 'same'. The template
    escapes the text and marks the kind in words and symbols, not colour alone."""

    kind: str
    text: str


@dataclass(frozen=True)
class ParameterChange:
    name: str
    label: str
    old: object
    new: object


@dataclass(frozen=True)
class VersionDiff:
    old: AgreementVersion
    new: AgreementVersion
    lines: list[DiffLine]
    parameters: list[ParameterChange]

    @property
    def changed(self) -> bool:
        return bool(self.parameters) or any(line.kind != "same" for line in self.lines)


def version_diff(old: AgreementVersion, new: AgreementVersion, *, context: int = 2) -> VersionDiff:
    """A readable difference between two versions: the text line by line (difflib), with
    unchanged stretches cut to `context` lines, and the parameters that changed."""
    import difflib

    from samverkan.agreements.parameters import labels

    a, b = old.text.splitlines(), new.text.splitlines()
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("same", t) for t in a[i1:i2]]
                continue
            if tag in ("replace", "delete"):
                lines += [DiffLine("removed", t) for t in a[i1:i2]]
            if tag in ("replace", "insert"):
                lines += [DiffLine("added", t) for t in b[j1:j2]]
    before = AgreementParameters.from_version(old).as_dict()
    after = AgreementParameters.from_version(new).as_dict()
    label = labels()
    changes = [
        ParameterChange(name, label[name], before[name], after[name])
        for name in PARAMETER_NAMES
        if before[name] != after[name]
    ]
    return VersionDiff(old=old, new=new, lines=lines, parameters=changes)


def matters(network: Network) -> list[Matter]:
    """The matter register, with everything the list shows loaded up front."""
    return list(
        Matter.objects.filter(network=network)
        .select_related("raised_by", "focus_area__business_plan", "working_group")
        .prefetch_related("concerned", "organisations", "mandates__people", "mandates__represents")
        .order_by("-raised_on", "title")
    )


def working_groups(network: Network, *, today: datetime.date) -> list[tuple[WorkingGroup, bool]]:
    """Each working group with a flag: True when its contact is no longer a current member of
    the network (F4)."""

    members = set(
        Membership.objects.on(today).filter(network=network).values_list("person_id", flat=True)
    )
    groups = (
        WorkingGroup.objects.filter(network=network)
        .select_related("contact", "focus_area__business_plan")
        .prefetch_related("members")
        .order_by("end_on", "name")
    )
    return [(g, g.is_active_on(today) and g.contact_id not in members) for g in groups]


@dataclass(frozen=True)
class FocusAreaRow:
    focus_area: FocusArea
    municipalities: list[Municipality]
    reach: int
    qualifies: bool


def focus_area_rows(
    plan: BusinessPlan, params: AgreementParameters, participating: set[int]
) -> tuple[list[FocusAreaRow], int]:
    """PR1 per focus area: how many participating municipalities it reaches and whether that
    is enough; returns the rows and the threshold."""
    from samverkan.agreements.parameters import focus_area_threshold

    needed = focus_area_threshold(params.focus_area_min_share, len(participating))
    rows = []
    for fa in plan.focus_areas.all():
        munis = sorted(fa.municipalities.all(), key=lambda m: swedish_key(m.name))
        reach = len({m.pk for m in munis} & participating)
        rows.append(FocusAreaRow(fa, munis, reach, reach >= needed))
    return rows, needed


def business_plan(network: Network, year: int) -> BusinessPlan | None:
    """The network's plan for a year with its focus areas and their municipalities, or None."""
    return (
        BusinessPlan.objects.filter(network=network, year=year)
        .prefetch_related("focus_areas__municipalities")
        .first()
    )


@dataclass(frozen=True)
class BusinessPlanSummary:
    """What the business-plan page and its API route show beside the plan (PR1)."""

    params: AgreementParameters
    participating: int  # municipalities taking part on the year's participation day
    rows: list[FocusAreaRow]
    needed: int  # the municipalities a focus area must reach

    @property
    def qualifying(self) -> int:
        return sum(1 for r in self.rows if r.qualifies)


def business_plan_summary(
    network: Network,
    year: int,
    plan: BusinessPlan | None,
    *,
    today: datetime.date | None = None,
) -> BusinessPlanSummary:
    """PR1 for a year's plan (from `business_plan`) under the agreement in force today: each
    focus area's reach among the municipalities taking part that year; no rows without a plan."""
    today = today or timezone.localdate()
    params = agreement_parameters(network, on=today)
    participating = participating_ids(network, participation_day(year, today))
    rows, needed = focus_area_rows(plan, params, participating) if plan else ([], 0)
    return BusinessPlanSummary(
        params=params, participating=len(participating), rows=rows, needed=needed
    )


def chairmanships(network: Network) -> list[Chairmanship]:
    return list(
        Chairmanship.objects.filter(network=network)
        .prefetch_related("chairs__municipality", "chairs__person")
        .order_by("-year")
    )


def onboarding_tasks(network: Network) -> list[OnboardingTask]:
    return list(
        OnboardingTask.objects.filter(network=network)
        .select_related("membership__person__municipality", "representative")
        .order_by("done_on", "due_on")
    )


def person_mandates(person_id: int) -> list[Mandate]:
    """F3: the mandates a person holds, across networks (for the person's own page)."""
    return list(
        Mandate.objects.filter(people__pk=person_id)
        .select_related("network", "matter", "organisation")
        .prefetch_related("represents", "people")
        .order_by("-start_on")
    )


def _meeting_model() -> Any:
    """meetings.Meeting, which versions and reviews refer to by foreign key; looked up by name
    since agreements sits below meetings and imports nothing from it."""
    return apps.get_model("meetings", "Meeting")


def meeting_choices(network: Network) -> list[tuple[int, str]]:
    """The network's meetings, newest first, for naming the meeting that adopted a version."""
    rows = _meeting_model()._default_manager.filter(network=network).order_by("-starts_at")[:60]
    return [
        (m.pk, f"{timezone.localtime(m.starts_at):%Y-%m-%d}" + (f" {m.title}" if m.title else ""))
        for m in rows
    ]


def meeting_in_network(network: Network, meeting_id: int) -> bool:
    return _meeting_model()._default_manager.filter(network=network, pk=meeting_id).exists()
