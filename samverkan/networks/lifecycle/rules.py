"""Compliance checks of the network lifecycle: S1-S4 for networks being started, C1
(inactivity, closing) and N5 (material reviewed against the graphic manual).

They read only the snapshot; `load_lifecycle_facts` fills it for every network with a fixed
number of queries. S1-S4 use the same step logic as the activation service (starting.py)."""

from collections import defaultdict

from django.utils.translation import get_language, gettext_lazy

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
from samverkan.cooperation.models import ManagementContact, Municipality
from samverkan.networks.lifecycle.activity import is_inactive, last_activity
from samverkan.networks.lifecycle.starting import StartFacts, Step, founding_plan, missing_steps
from samverkan.networks.models import Membership, Network, Participation, YearPlan
from samverkan.networks.rules import status_text

OPEN = (Network.Status.PROPOSED, Network.Status.STARTING)


@loader
def load_lifecycle_facts(snap: Snapshot) -> None:
    by_id = snap.by_network_id()
    open_ids = [i for i, f in by_id.items() if f.network.status in OPEN]
    active_ids = [i for i, f in by_id.items() if f.network.status == Network.Status.ACTIVE]
    if open_ids:
        members = list(Municipality.objects.members_on(snap.as_of).order_by("name"))
        participations: dict[int, dict[int, Participation]] = defaultdict(dict)
        for p in Participation.objects.filter(network_id__in=open_ids).select_related(
            "municipality"
        ):
            participations[p.network_id][p.municipality_id] = p
        plans: dict[int, list[YearPlan]] = defaultdict(list)
        for plan in YearPlan.objects.filter(network_id__in=open_ids):
            plans[plan.network_id].append(plan)
        areas = {by_id[i].network.area_id for i in open_ids}
        contacts: dict[int, set[int]] = defaultdict(set)
        for area_id, municipality_id in ManagementContact.objects.filter(
            area_id__in=areas
        ).values_list("area_id", "municipality_id"):
            contacts[area_id].add(municipality_id)
        for i in open_ids:
            f = by_id[i]
            f.extra["start"] = StartFacts(
                network=f.network,
                day=snap.as_of,
                members=members,
                participations=participations[i],
                contact_municipality_ids=contacts[f.network.area_id],
                founding_plan=founding_plan(plans[i]),
                coordinators=f.current_roles(Membership.Role.COORDINATOR),
            )
    last = last_activity(active_ids, snap.as_of) if active_ids else {}
    for i, f in by_id.items():
        f.extra["last_activity"] = last.get(i)


def _progress_url(facts: NetworkFacts) -> str:
    return fix_url("networks:progress", slug=facts.network.slug)


def _start_verdict(rule_id: str, facts: NetworkFacts, url: str, ok: str) -> Verdict:
    if facts.network.status not in OPEN:
        return _not_starting(rule_id, facts.network.status)
    steps = [s for s in _missing_steps(facts) if s.rule_id == rule_id]
    if steps:
        text = "; ".join(s.text for s in steps)
        return Verdict(rule_id, Status.MISSING, text[:1].upper() + text[1:] + ".", url)
    return Verdict(rule_id, Status.OK, ok, url)


@per_evaluation
def _not_starting(rule_id: str, status: str) -> Verdict:
    return not_applicable(
        rule_id,
        _("Gäller nätverk under uppstart; nätverket är %(status)s.")
        % {"status": status_text(status)},
    )


def _missing_steps(facts: NetworkFacts) -> list[Step]:
    """The steps S1-S4 all read: worked out once per network (and language), not per rule."""
    key = f"start_steps:{get_language()}"
    steps: list[Step] | None = facts.extra.get(key)
    if steps is None:
        steps = facts.extra[key] = missing_steps(facts.extra["start"])
    return steps


@rule("S1", gettext_lazy("Uppstart: alla medlemskommuner inbjudna, majoritet har sagt ja"))
def s1_invitations_and_majority(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """S1: every member municipality is invited; a majority accepts before activation."""
    return _start_verdict(
        "S1",
        facts,
        _progress_url(facts),
        _("Alla medlemskommuner är inbjudna och en majoritet har sagt ja."),
    )


@rule("S2", gettext_lazy("Uppstart: förvaltningsledningen tillfrågad"))
def s2_consulted(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """S2: the management of each accepting municipality is consulted."""
    return _start_verdict(
        "S2",
        facts,
        _progress_url(facts),
        _("Förvaltningsledningen är tillfrågad i varje kommun som sagt ja."),
    )


@rule("S3", gettext_lazy("Uppstart: syfte, mål och mötesorganisation"))
def s3_founding_plan(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """S3: the first work is a common purpose, goals and meeting organisation."""
    url = fix_url("networks:plan_edit", slug=facts.network.slug, year=snap.year)
    return _start_verdict("S3", facts, url, _("Den första årsplanen är antagen."))


@rule("S4", gettext_lazy("Uppstart: samordnare utsedd"))
def s4_coordinator(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """S4: a coordinator is appointed."""
    url = fix_url("networks:members", slug=facts.network.slug)
    return _start_verdict("S4", facts, url, _("En samordnare är utsedd."))


@rule("C1", gettext_lazy("Aktivitet och avslut"))
def c1_activity(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """C1: a network with no meeting held, no minutes approved and no matter raised or moved
    for 12 months is flagged (activity.py: a plan edit or a data load is not activity); a
    closed network was closed with a reason (and its management was told)."""
    network = facts.network
    if network.status == Network.Status.CLOSED:
        return Verdict(
            "C1",
            Status.OK,
            _("Avslutat %(day)s: %(reason)s")
            % {"day": network.closed_on, "reason": network.close_reason},
        )
    if network.status != Network.Status.ACTIVE:
        return not_applicable("C1", _("Nätverket har inte startat än."))
    last = facts.extra.get("last_activity")
    url = fix_url("networks:close", slug=network.slug)
    if last is None:
        return Verdict("C1", Status.WARNING, _("Ingen registrerad aktivitet alls."), url)
    if is_inactive(last, snap.as_of):
        return Verdict(
            "C1",
            Status.WARNING,
            _(
                "Ingen aktivitet (hållet möte, justerat protokoll, väckt eller flyttad fråga) "
                "sedan %(day)s, mer än %(months)d månader. Fortsätter nätverket, eller ska det "
                "avslutas?"
            )
            % {"day": last, "months": 12},
            url,
        )
    return Verdict("C1", Status.OK, _("Senaste aktivitet %(day)s.") % {"day": last})
