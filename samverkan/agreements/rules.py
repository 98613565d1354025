"""Checks of a network's agreement (SPEC §2): PR1, PR3, CH2, CH3, CO2, CO3 and the F4 flag.

Each rule is off (not applicable) when the agreement in force does not set its parameter. The
blocks (F2, F4, CH2) are enforced in services.py and work.py. The loader below adds what these
rules read to the snapshot with a constant number of queries."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Min
from django.utils.translation import gettext_lazy

from samverkan.agreements.models import (
    AgreementReview,
    AgreementVersion,
    BusinessPlan,
    Chairmanship,
    OnboardingTask,
    WorkingGroup,
)
from samverkan.agreements.parameters import focus_area_threshold
from samverkan.agreements.selectors import AgreementParameters, parameters_for, swedish_key
from samverkan.compliance.registry import Status, Verdict, fix_url, not_applicable, rule
from samverkan.compliance.registry import text as _
from samverkan.compliance.snapshot import NetworkFacts, Snapshot, loader
from samverkan.networks.models import Membership
from samverkan.networks.rules import members_url, not_active


@dataclass
class AgreementFacts:
    params: AgreementParameters
    first_adopted_on: datetime.date | None = None
    chairmanships: list[Chairmanship] = field(default_factory=list)
    business_plans: dict[int, BusinessPlan] = field(default_factory=dict)
    working_groups: list[WorkingGroup] = field(default_factory=list)
    open_tasks: list[OnboardingTask] = field(default_factory=list)
    reviews: dict[int, AgreementReview] = field(default_factory=dict)

    def chairs_for(self, year: int) -> Chairmanship | None:
        return next((c for c in self.chairmanships if c.covers(year)), None)


def agreement_facts(facts: NetworkFacts) -> AgreementFacts:
    return facts.extra.get("agreements") or AgreementFacts(params=AgreementParameters())


@loader
def load_agreements(snap: Snapshot) -> None:
    """Nine queries whatever the number of networks."""
    ids = [f.network.pk for f in snap.networks]
    year = snap.year
    params = parameters_for(ids, snap.as_of)
    out = {i: AgreementFacts(params=params[i]) for i in ids}
    for network_id, first in (
        AgreementVersion.objects.filter(agreement__network_id__in=ids)
        .values_list("agreement__network_id")
        .annotate(first=Min("adopted_on"))
    ):
        out[network_id].first_adopted_on = first
    for c in Chairmanship.objects.filter(network_id__in=ids).prefetch_related(
        "chairs__municipality"
    ):
        out[c.network_id].chairmanships.append(c)
    for plan in BusinessPlan.objects.filter(
        network_id__in=ids, year__in=[year, year + 1]
    ).prefetch_related("focus_areas__municipalities"):
        out[plan.network_id].business_plans[plan.year] = plan
    for group in (
        WorkingGroup.objects.filter(network_id__in=ids, start_on__lte=snap.as_of)
        .exclude(end_on__lt=snap.as_of)
        .select_related("contact")
    ):
        out[group.network_id].working_groups.append(group)
    for task in OnboardingTask.objects.filter(
        network_id__in=ids, done_on__isnull=True
    ).select_related("membership__person"):
        out[task.network_id].open_tasks.append(task)
    for review in AgreementReview.objects.filter(network_id__in=ids, year__in=[year - 1, year]):
        out[review.network_id].reviews[review.year] = review
    for f in snap.networks:
        f.extra["agreements"] = out[f.network.pk]


def _url(name: str, facts: NetworkFacts, **kwargs: int) -> str:
    return fix_url(f"agreements:{name}", slug=facts.network.slug, **kwargs)


def _off(rule_id: str, facts: NetworkFacts, is_set: bool) -> Verdict | None:
    if skip := not_active(rule_id, facts):
        return skip
    if not is_set:
        return not_applicable(
            rule_id,
            _("Nätverkets överenskommelse ställer inte det här kravet."),
        )
    return None


@rule("PR1", gettext_lazy("Minst tre frågeområden för minst hälften av kommunerna"))
def pr1_focus_areas(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """PR1: the year's business plan has at least `min_focus_areas` focus areas, each reaching
    at least ceil(`focus_area_min_share` * participating) municipalities (half of 11: six)."""
    a = agreement_facts(facts)
    if skip := _off("PR1", facts, a.params.min_focus_areas is not None):
        return skip
    year = snap.year
    url = _url("business_plan", facts, year=year)
    wanted = a.params.min_focus_areas or 0
    plan = a.business_plans.get(year)
    if plan is None:
        return Verdict(
            "PR1",
            Status.MISSING,
            _("Det finns ingen verksamhetsplan för %(year)d.") % {"year": year},
            url,
        )
    participating = {p.municipality_id for p in facts.participations}
    needed = focus_area_threshold(a.params.focus_area_min_share, len(participating))
    qualifying = [
        fa
        for fa in plan.focus_areas.all()
        if len({m.pk for m in fa.municipalities.all()} & participating) >= needed
    ]
    counts = {
        "n": len(qualifying),
        "wanted": wanted,
        "needed": needed,
        "total": len(participating),
        "year": year,
    }
    if len(qualifying) < wanted:
        return Verdict(
            "PR1",
            Status.MISSING,
            _(
                "%(n)d frågeområden i verksamhetsplanen %(year)d når minst %(needed)d av "
                "%(total)d kommuner; överenskommelsen vill ha minst %(wanted)d."
            )
            % counts,
            url,
        )
    if not plan.is_adopted:
        return Verdict(
            "PR1",
            Status.WARNING,
            _(
                "%(n)d frågeområden når minst %(needed)d av %(total)d kommuner, men "
                "verksamhetsplanen %(year)d är inte antagen."
            )
            % counts,
            url,
        )
    return Verdict(
        "PR1",
        Status.OK,
        _("%(n)d frågeområden når minst %(needed)d av %(total)d kommuner (krav: %(wanted)d).")
        % counts,
        url,
    )


@rule("PR3", gettext_lazy("Nya kolleger introduceras av en utsedd representant"))
def pr3_onboarding(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """PR3: a designated representative exists, and no introduction is overdue (14 days)."""
    a = agreement_facts(facts)
    if skip := _off("PR3", facts, a.params.onboarding_representative):
        return skip
    url = _url("onboarding", facts)
    reps = facts.current_roles(Membership.Role.ONBOARDING)
    if not reps:
        return Verdict(
            "PR3",
            Status.MISSING,
            _("Nätverket har ingen utsedd representant som introducerar nya kolleger."),
            members_url(facts),
        )
    overdue = [t for t in a.open_tasks if t.due_on < snap.as_of]
    if overdue:
        return Verdict(
            "PR3",
            Status.WARNING,
            _("%(n)d nya kolleger är inte introducerade efter 14 dagar: %(names)s.")
            % {
                "n": len(overdue),
                "names": ", ".join(t.membership.person.name for t in overdue[:5]),
            },
            url,
        )
    return Verdict(
        "PR3",
        Status.OK,
        _("Representant: %(names)s; %(n)d pågående introduktioner.")
        % {"names": ", ".join(m.person.name for m in reps), "n": len(a.open_tasks)},
        url,
    )


def _proposal(facts: NetworkFacts, a: AgreementFacts, year: int, count: int) -> list[str]:
    """CH2 proposal from the snapshot: chaired longest ago first, never first; ties by
    fewest terms, then name (same order as selectors.propose_chairs)."""
    history: dict[int, list[int]] = {}
    for c in a.chairmanships:
        if c.year < year:
            for chair in c.chairs.all():
                history.setdefault(chair.municipality_id, []).append(c.year)
    rows = sorted(
        (p.municipality for p in facts.participations),
        key=lambda m: (
            m.pk in history,
            max(history.get(m.pk, [0])),
            len(history.get(m.pk, [])),
            swedish_key(m.name),
        ),
    )
    return [m.name for m in rows[:count]]


@rule("CH2", gettext_lazy("Ordförandeskapet delas av kommunerna och utses inför varje år"))
def ch2_chairs(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """CH2: the agreement's number of chair municipalities each year; next year's appointed
    before the year starts (flagged from 1 November, missing from 1 January)."""
    a = agreement_facts(facts)
    if skip := _off("CH2", facts, a.params.chair_municipalities is not None):
        return skip
    year = snap.year
    wanted = a.params.chair_municipalities or 0
    url = _url("chairs", facts)
    current = a.chairs_for(year)
    if current is None:
        return Verdict(
            "CH2",
            Status.MISSING,
            _("Inga ordförandekommuner är utsedda för %(year)d. Förslag: %(names)s.")
            % {"year": year, "names": ", ".join(_proposal(facts, a, year, wanted))},
            url,
        )
    names = ", ".join(sorted((c.municipality.name for c in current.chairs.all()), key=swedish_key))
    if len(current.chairs.all()) != wanted:
        return Verdict(
            "CH2",
            Status.WARNING,
            _("%(year)d har %(k)d ordförandekommuner (%(names)s); överenskommelsen säger %(n)d.")
            % {"year": year, "k": len(current.chairs.all()), "names": names, "n": wanted},
            url,
        )
    if snap.as_of.month >= 11 and a.chairs_for(year + 1) is None:
        return Verdict(
            "CH2",
            Status.WARNING,
            _("Ordförande för %(next)d ska utses före årsskiftet. Förslag: %(names)s.")
            % {"next": year + 1, "names": ", ".join(_proposal(facts, a, year + 1, wanted))},
            url,
        )
    return Verdict(
        "CH2", Status.OK, _("Ordförande %(year)d: %(names)s.") % {"year": year, "names": names}, url
    )


@rule("CH3", gettext_lazy("Sekreterarskapet innehas av den titel överenskommelsen anger"))
def ch3_secretary(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """CH3: a current secretary whose title (Person.title, the job title the seed means:
    'innehas av planeringsledaren') contains the agreement's secretary title."""
    a = agreement_facts(facts)
    wanted = a.params.secretary_title.strip()
    if skip := _off("CH3", facts, bool(wanted)):
        return skip
    url = members_url(facts)
    secretaries = facts.current_roles(Membership.Role.SECRETARY)
    if not secretaries:
        return Verdict(
            "CH3",
            Status.MISSING,
            _(
                "Nätverket har ingen sekreterare; överenskommelsen säger att %(title)s är "
                "sekreterare."
            )
            % {"title": wanted},
            url,
        )
    matching = [m for m in secretaries if wanted.lower() in m.person.title.lower()]
    if not matching:
        return Verdict(
            "CH3",
            Status.WARNING,
            _("Sekreteraren %(names)s har inte titeln %(title)s som överenskommelsen anger.")
            % {
                "names": ", ".join(
                    f"{m.person.name} ({m.person.title or '-'})" for m in secretaries
                ),
                "title": wanted,
            },
            url,
        )
    return Verdict(
        "CH3",
        Status.OK,
        _("Sekreterare: %(names)s.") % {"names": ", ".join(m.person.name for m in matching)},
        url,
    )


@rule("CO2", gettext_lazy("Överenskommelsen utvärderas vid årets sista möte"))
def co2_review(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """CO2: a recorded evaluation (evaluated, revised or confirmed unchanged) for last year."""
    a = agreement_facts(facts)
    if skip := _off("CO2", facts, a.params.review_at_last_meeting):
        return skip
    previous = snap.year - 1
    url = _url("agreement", facts)
    if a.first_adopted_on is None or a.first_adopted_on > datetime.date(previous, 12, 31):
        return Verdict(  # not shared: it links to this network's agreement
            "CO2",
            Status.NOT_APPLICABLE,
            _("Överenskommelsen antogs %(year)d; den första översynen görs i slutet av året.")
            % {"year": snap.year},
            url,
        )
    review = a.reviews.get(previous)
    if review is None:
        return Verdict(
            "CO2",
            Status.MISSING,
            _("Ingen utvärdering av överenskommelsen är registrerad för %(year)d.")
            % {"year": previous},
            url,
        )
    return Verdict(
        "CO2",
        Status.OK,
        _("%(year)d: %(outcome)s %(date)s.")
        % {
            "year": previous,
            "outcome": review.get_outcome_display().lower(),
            "date": review.held_on.isoformat(),
        },
        url,
    )


@rule("CO3", gettext_lazy("Verksamhetsplan antas inför varje nytt år"))
def co3_business_plan(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """CO3: this year's business plan was adopted before the year started; from 1 November
    next year's is due."""
    a = agreement_facts(facts)
    if skip := _off("CO3", facts, a.params.business_plan_required):
        return skip
    year = snap.year
    plan = a.business_plans.get(year)
    if plan is None or not plan.is_adopted:
        return Verdict(
            "CO3",
            Status.MISSING,
            _("Verksamhetsplanen för %(year)d är inte antagen.") % {"year": year},
            _url("business_plan", facts, year=year),
        )
    upcoming = a.business_plans.get(year + 1)
    if snap.as_of.month >= 11 and (upcoming is None or not upcoming.is_adopted):
        return Verdict(
            "CO3",
            Status.WARNING,
            _("Verksamhetsplanen för %(next)d ska antas före årsskiftet.") % {"next": year + 1},
            _url("business_plan", facts, year=year + 1),
        )
    assert plan.adopted_on is not None
    if plan.adopted_on >= datetime.date(year, 1, 1):
        return Verdict(
            "CO3",
            Status.WARNING,
            _("Verksamhetsplanen för %(year)d antogs %(date)s, efter årets början.")
            % {"year": year, "date": plan.adopted_on.isoformat()},
            _url("business_plan", facts, year=year),
        )
    return Verdict(
        "CO3",
        Status.OK,
        _("Verksamhetsplanen för %(year)d antogs %(date)s.")
        % {"year": year, "date": plan.adopted_on.isoformat()},
        _url("business_plan", facts, year=year),
    )


@rule("F4", gettext_lazy("Arbetsgruppernas kontaktpersoner är medlemmar i nätverket"))
def f4_working_groups(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """F4: each working group's contact is a current member; flagged when the contact leaves."""
    if skip := not_active("F4", facts):
        return skip
    a = agreement_facts(facts)
    url = _url("working_groups", facts)
    if not a.working_groups:
        return not_applicable("F4", _("Nätverket har inga aktiva arbetsgrupper."))
    members = {m.person_id for m in facts.memberships}
    orphaned = [g for g in a.working_groups if g.contact_id not in members]
    if orphaned:
        return Verdict(
            "F4",
            Status.WARNING,
            _("Kontaktpersonen har lämnat nätverket i %(groups)s. Utse en ny kontaktperson.")
            % {"groups": ", ".join(f"{g.name} ({g.contact.name})" for g in orphaned)},
            url,
        )
    return Verdict(
        "F4",
        Status.OK,
        _("%(n)d arbetsgrupper, alla med kontaktperson i nätverket.")
        % {"n": len(a.working_groups)},
        url,
    )
