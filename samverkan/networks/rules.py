"""The checks of *Checklista för nätverk* (SPEC §2, N1–N6). Each returns a verdict with a
Swedish explanation and the address where the network fixes it."""

from django.utils.translation import gettext_lazy

from samverkan.compliance.registry import (
    Status,
    Verdict,
    fix_url,
    not_applicable,
    per_evaluation,
    rule,
)
from samverkan.compliance.registry import text as _
from samverkan.compliance.snapshot import NetworkFacts, Snapshot, loader
from samverkan.cooperation.models import DevelopmentPlan, Municipality
from samverkan.networks.models import Membership, Network, Participation, YearPlan


@loader(first=True)
def load_network_facts(snap: Snapshot) -> None:
    """What every rule reads: this and next year's plans with their development areas, the
    memberships and participations on the day, and the development plan in force."""
    facts = snap.by_network_id()
    ids = list(facts)
    as_of = snap.as_of
    plans = YearPlan.objects.filter(
        network_id__in=ids, year__in=[as_of.year, as_of.year + 1]
    ).prefetch_related("development_areas")
    for plan in plans:
        f = facts[plan.network_id]
        f.plans[plan.year] = plan
        f.plan_area_ids[plan.year] = {a.pk for a in plan.development_areas.all()}

    # The few dozen municipalities are loaded once and shared: a select_related would build
    # one Municipality per row (tens of thousands for 2,000 networks; see bench/README.md).
    municipalities = Municipality.objects.in_bulk()
    for m in (
        Membership.objects.on(as_of)
        .filter(network_id__in=ids)
        .select_related("person")
        .order_by("person__name")
    ):
        if m.municipality_id is not None:
            m.municipality = municipalities[m.municipality_id]
        facts[m.network_id].memberships.append(m)

    for p in Participation.objects.on(as_of).filter(network_id__in=ids):
        p.municipality = municipalities[p.municipality_id]
        facts[p.network_id].participations.append(p)

    dev_plan = (
        DevelopmentPlan.objects.filter(start_year__lte=as_of.year, end_year__gte=as_of.year)
        .prefetch_related("areas")
        .order_by("-start_year")
        .first()
    )
    snap.development_plan = dev_plan
    snap.development_area_ids = {a.pk for a in dev_plan.areas.all()} if dev_plan else set()


def plan_url(facts: NetworkFacts, year: int) -> str:
    return fix_url("networks:plan_edit", slug=facts.network.slug, year=year)


def members_url(facts: NetworkFacts) -> str:
    return fix_url("networks:members", slug=facts.network.slug)


def not_active(rule_id: str, facts: NetworkFacts) -> Verdict | None:
    """The checklist's 'existing networks' rules concern active networks only."""
    if facts.network.status != Network.Status.ACTIVE:
        return inactive_verdict(rule_id, facts.network.status)
    return None


@per_evaluation
def inactive_verdict(rule_id: str, status: str) -> Verdict:
    """The same for every network of that status: made once per evaluation."""
    return not_applicable(
        rule_id,
        _("Gäller aktiva nätverk; nätverket är %(status)s.") % {"status": status_text(status)},
    )


@per_evaluation
def status_text(status: str) -> str:
    """A network status as the explanations say it (get_status_display().lower())."""
    return str(Network.Status(status).label).lower()


@rule("N1", gettext_lazy("Bidrar till samverkans syfte, vision och verksamhetsidé"))
def n1_contribution(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """N1: each year plan states how the network contributes to the cooperation's purpose."""
    if skip := not_active("N1", facts):
        return skip
    plan = facts.plan(snap.year)
    url = plan_url(facts, snap.year)
    if plan is None or not plan.contribution.strip():
        return Verdict(
            "N1",
            Status.MISSING,
            _(
                "Årsplanen för %(year)s beskriver inte hur nätverket bidrar till samverkans syfte, "
                "vision och verksamhetsidé."
            )
            % {"year": snap.year},
            url,
        )
    if not plan.is_adopted:
        return Verdict(
            "N1",
            Status.WARNING,
            _("Bidraget är beskrivet, men årsplanen för %(year)s är inte antagen.")
            % {"year": snap.year},
            url,
        )
    return Verdict("N1", Status.OK, _("Den antagna årsplanen beskriver nätverkets bidrag."), url)


@rule("N2", gettext_lazy("Bidrar till utvecklingsplanens utvecklingsområden"))
def n2_development_areas(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """N2: optional — a plan may tag the current development plan's areas; warning at most."""
    if skip := not_active("N2", facts):
        return skip
    url = plan_url(facts, snap.year)
    if snap.development_plan is None:
        return not_applicable(
            "N2",
            _("Ingen utvecklingsplan gäller för %(year)s.") % {"year": snap.year},
        )
    tagged = facts.plan_area_ids.get(snap.year, set()) & snap.development_area_ids
    if not tagged:
        return Verdict(
            "N2",
            Status.WARNING,
            _(
                "Årsplanen för %(year)s pekar inte ut något av utvecklingsplanens "
                "utvecklingsområden (frivilligt, men önskvärt)."
            )
            % {"year": snap.year},
            url,
        )
    return Verdict(
        "N2",
        Status.OK,
        _("Årsplanen bidrar till %(n)d utvecklingsområde(n).") % {"n": len(tagged)},
        url,
    )


@rule("N3", gettext_lazy("Syfte, målsättning och mötesorganisation inför varje år"))
def n3_year_plan(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """N3: before each calendar year the network updates purpose, goals and meeting
    organisation together; from 1 November next year's plan is due."""
    if skip := not_active("N3", facts):
        return skip
    year = snap.year
    plan = facts.plan(year)
    url = plan_url(facts, year)
    if plan is None:
        return Verdict(
            "N3",
            Status.MISSING,
            _("Det finns ingen årsplan för %(year)s.") % {"year": year},
            url,
        )
    if not plan.founding_parts_present:
        return Verdict(
            "N3",
            Status.MISSING,
            _("Årsplanen för %(year)s saknar syfte, målsättning eller mötesorganisation.")
            % {"year": year},
            url,
        )
    if not plan.is_adopted:
        return Verdict(
            "N3",
            Status.WARNING,
            _("Årsplanen för %(year)s är ett utkast och inte antagen gemensamt.") % {"year": year},
            url,
        )
    if snap.as_of.month >= 11:
        upcoming = facts.plan(year + 1)
        if upcoming is None or not upcoming.is_adopted:
            return Verdict(
                "N3",
                Status.WARNING,
                _("Årsplanen för %(next)s ska antas före årsskiftet.") % {"next": year + 1},
                plan_url(facts, year + 1),
            )
    return Verdict(
        "N3",
        Status.OK,
        _("Årsplanen för %(year)s antogs %(date)s.")
        % {"year": year, "date": plan.adopted_on.isoformat() if plan.adopted_on else ""},
        url,
    )


@rule("N4", gettext_lazy("Har en samordnare"))
def n4_coordinator(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """N4: every network has a coordinator (own model, may change over time)."""
    if skip := not_active("N4", facts):
        return skip
    coordinators = facts.current_roles(Membership.Role.COORDINATOR)
    if not coordinators:
        return Verdict(
            "N4", Status.MISSING, _("Nätverket har ingen samordnare."), members_url(facts)
        )
    names = ", ".join(m.person.name for m in coordinators)
    return Verdict(
        "N4", Status.OK, _("Samordnare: %(names)s.") % {"names": names}, members_url(facts)
    )


@rule("N6", gettext_lazy("Kontaktuppgifter är aktuella"))
def n6_contacts(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """N6: members' and coordinators' contact details are reported continuously; stale after
    12 months without confirmation."""
    if skip := not_active("N6", facts):
        return skip
    url = members_url(facts)
    people = {m.person.pk: m.person for m in facts.memberships}
    if not people:
        return Verdict("N6", Status.MISSING, _("Nätverket har inga medlemmar registrerade."), url)
    without_email = [p for p in people.values() if not p.email]
    if without_email:
        return Verdict(
            "N6",
            Status.MISSING,
            _("%(n)d person(er) saknar e-postadress: %(names)s.")
            % {"n": len(without_email), "names": ", ".join(p.name for p in without_email[:5])},
            url,
        )
    stale = [p for p in people.values() if p.contact_is_stale(snap.as_of, snap.stale_months)]
    if stale:
        return Verdict(
            "N6",
            Status.WARNING,
            _(
                "%(n)d av %(total)d personers kontaktuppgifter är inte bekräftade på "
                "%(months)d månader."
            )
            % {"n": len(stale), "total": len(people), "months": snap.stale_months},
            url,
        )
    return Verdict(
        "N6",
        Status.OK,
        _("Alla %(total)d personers kontaktuppgifter är bekräftade.") % {"total": len(people)},
        url,
    )
