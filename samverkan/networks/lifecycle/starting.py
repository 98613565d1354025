"""What a network still lacks before it may start (S1-S4), computed from plain facts so that
the activation service, the progress page and the compliance rules agree on every step."""

import datetime
from dataclasses import dataclass, field

# Rendered once per evaluation while the S1-S4 rules run; plain gettext elsewhere.
from samverkan.compliance.registry import text as _
from samverkan.cooperation.models import ManagementContact, Municipality
from samverkan.networks.models import Membership, Network, Participation, YearPlan

# A proposal is open while the network is proposed or starting: invitations go out and the
# municipalities answer.
OPEN_PROPOSAL = (Network.Status.PROPOSED, Network.Status.STARTING)


def majority_of(count: int) -> int:
    """S1: more than half of the member municipalities (eleven → six)."""
    return count // 2 + 1


@dataclass(frozen=True)
class Step:
    rule_id: str
    text: str

    def __str__(self) -> str:
        return f"{self.rule_id}: {self.text}"


@dataclass
class StartFacts:
    network: Network
    day: datetime.date
    members: list[Municipality]
    participations: dict[int, Participation]  # by municipality id
    contact_municipality_ids: set[int]  # municipalities with a management contact for the area
    founding_plan: YearPlan | None = None  # an adopted plan with all three parts (S3)
    coordinators: list[Membership] = field(default_factory=list)

    @property
    def not_invited(self) -> list[Municipality]:
        return [
            m
            for m in self.members
            if m.pk not in self.participations or self.participations[m.pk].invited_on is None
        ]

    @property
    def yes(self) -> list[Participation]:
        return [
            p
            for m in self.members
            if (p := self.participations.get(m.pk)) is not None
            and p.answer == Participation.Answer.YES
        ]

    @property
    def needed(self) -> int:
        return majority_of(len(self.members))

    @property
    def not_consulted(self) -> list[Participation]:
        return [p for p in self.yes if p.consulted_on is None]

    @property
    def consulted_for_every_yes(self) -> bool:
        """S2 done: there is a yes, and the management was consulted for each. With no yes at
        all nothing is done yet (issue 16, point 14: the start-up page said "klart")."""
        return bool(self.yes) and not self.not_consulted

    @property
    def majority_consulted(self) -> bool:
        """S1 + S2 hold: the moment the secretariat is informed."""
        return len(self.yes) >= self.needed and not self.not_consulted


def missing_steps(facts: StartFacts) -> list[Step]:
    """Every step still missing, each naming its rule (S1, S2, S3, S4)."""
    steps = []
    if facts.not_invited:
        names = []
        for m in facts.not_invited:
            if m.pk in facts.contact_municipality_ids:
                names.append(m.name)
            else:
                names.append(
                    _("%(name)s (ingen förvaltningsledning registrerad)") % {"name": m.name}
                )
        steps.append(
            Step(
                "S1",
                _("alla medlemskommuner är inte inbjudna: %(names)s") % {"names": ", ".join(names)},
            )
        )
    if len(facts.yes) < facts.needed:
        steps.append(
            Step(
                "S1",
                _("%(yes)d av %(members)d medlemskommuner har sagt ja; minst %(needed)d behövs")
                % {"yes": len(facts.yes), "members": len(facts.members), "needed": facts.needed},
            )
        )
    if facts.not_consulted:
        steps.append(
            Step(
                "S2",
                _("förvaltningsledningen är inte tillfrågad i %(names)s")
                % {"names": ", ".join(p.municipality.name for p in facts.not_consulted)},
            )
        )
    if facts.founding_plan is None:
        steps.append(
            Step("S3", _("ingen antagen första årsplan med syfte, mål och mötesorganisation"))
        )
    if not facts.coordinators:
        steps.append(Step("S4", _("ingen samordnare är utsedd")))
    return steps


def steps_left(facts: StartFacts) -> list[Step]:
    """What the progress page and its API route list: the missing steps while the proposal is
    open, none once the network is active or closed."""
    return missing_steps(facts) if facts.network.status in OPEN_PROPOSAL else []


def founding_plan(plans: list[YearPlan]) -> YearPlan | None:
    for plan in sorted(plans, key=lambda p: p.year):
        if plan.is_adopted and plan.founding_parts_present:
            return plan
    return None


def load_start_facts(network: Network, day: datetime.date) -> StartFacts:
    """The facts for one network (the compliance loader builds them for many at once)."""
    participations = {
        p.municipality_id: p
        for p in Participation.objects.filter(network=network).select_related("municipality")
    }
    return StartFacts(
        network=network,
        day=day,
        members=list(Municipality.objects.members_on(day).order_by("name")),
        participations=participations,
        contact_municipality_ids=set(
            ManagementContact.objects.filter(area_id=network.area_id).values_list(
                "municipality_id", flat=True
            )
        ),
        founding_plan=founding_plan(list(YearPlan.objects.filter(network=network))),
        coordinators=list(
            Membership.objects.on(day).filter(network=network, role=Membership.Role.COORDINATOR)
        ),
    )
