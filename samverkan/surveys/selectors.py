"""Survey results (P4, ST2): per network where enough answered, otherwise folded into
"Övriga nätverk"; for the whole cooperation; compared with the previous round.

Anonymity (SPEC §6, issue 13 item 1):
- results appear only once the round is closed (while it is open, its answers are sealed and
  only the response rate per network is shown), so no answer can be read off a change;
- complementary suppression: no two published groups differ by fewer than the threshold's
  answers. "Hela samverkan" minus the networks shown separately is "Övriga nätverk"; when that
  remainder would hold answers but fewer than the threshold, the smallest shown networks are
  folded into it until it holds enough, or nothing but the cooperation is shown;
- free text of a group is sorted alphabetically: it follows neither the order of answering
  nor the networks of a folded group."""

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from samverkan.networks.models import Network
from samverkan.surveys import tokens
from samverkan.surveys.models import (
    Invitation,
    Question,
    Response,
    RoundNetwork,
    SealedResponse,
    SurveyRound,
    UsedLink,
)
from samverkan.surveys.questionnaire import SCALE


def threshold() -> int:
    return max(1, settings.SURVEY_MIN_RESPONSES)


@dataclass
class QuestionResult:
    question: Question
    count: int = 0
    distribution: list[tuple[str, int]] = field(default_factory=list)
    mean: Fraction | None = None
    previous_mean: Fraction | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def change(self) -> Fraction | None:
        if self.mean is None or self.previous_mean is None:
            return None
        return self.mean - self.previous_mean


@dataclass
class GroupResult:
    key: str  # "all", "other" or "network-<id>"
    label: str
    network: Network | None
    invited: int
    answered: int
    questions: list[QuestionResult] = field(default_factory=list)

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.answered, self.invited) if self.invited else None


@dataclass
class CoverageRow:
    network: Network
    invited: int
    answered: int
    shown: bool

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.answered, self.invited) if self.invited else None


@dataclass
class RoundResults:
    round: SurveyRound
    threshold: int
    coverage: list[CoverageRow]
    groups: list[GroupResult]
    previous: SurveyRound | None

    @property
    def published(self) -> bool:
        """Results are out once the round is closed; before, only the response rate."""
        return self.round.state == SurveyRound.State.CLOSED

    def coverage_of(self, network_ids: set[int] | None) -> list[CoverageRow]:
        """The coverage of the networks in `network_ids` (of every network for None), as
        `round_results` limits the groups."""
        return [c for c in self.coverage if network_ids is None or c.network.pk in network_ids]


def previous_round(survey: SurveyRound) -> SurveyRound | None:
    return (
        SurveyRound.objects.filter(state=SurveyRound.State.CLOSED, opens_on__lt=survey.opens_on)
        .order_by("-opens_on", "-pk")
        .first()
    )


def _summarise(
    questions: list[Question], responses: list[dict], previous: dict[str, Fraction] | None
) -> list[QuestionResult]:
    out = []
    for q in questions:
        values = [r[q.key] for r in responses if q.key in r]
        result = QuestionResult(question=q, count=len(values))
        if q.kind == Question.Kind.SCALE:
            counts = Counter(values)
            result.distribution = [(str(n), counts.get(n, 0)) for n in SCALE]
            result.mean = Fraction(sum(values), len(values)) if values else None
            result.previous_mean = (previous or {}).get(q.key)
        elif q.kind == Question.Kind.CHOICE:
            counts = Counter(values)
            result.distribution = [(c, counts.get(c, 0)) for c in q.choices]
        else:
            # Sorted, never in the order answered.
            result.texts = sorted(values, key=str.lower)
        out.append(result)
    return out


def _means(questions: list[Question], responses: list[dict]) -> dict[str, Fraction]:
    out = {}
    for q in questions:
        if q.kind == Question.Kind.SCALE:
            values = [r[q.key] for r in responses if isinstance(r.get(q.key), int)]
            if values:
                out[q.key] = Fraction(sum(values), len(values))
    return out


def answered_per_network(survey: SurveyRound) -> dict[int, int]:
    """How many answered per network (network id): the stored answers and, while the round is
    open, the sealed ones. The response rate, never who answered."""
    counts: Counter[int] = Counter()
    for model in (Response, SealedResponse):
        for network_id, n in (
            model.objects.filter(round=survey)
            .values("network_id")
            .annotate(n=Count("pk"))
            .values_list("network_id", "n")
        ):
            counts[network_id] += n
    return dict(counts)


def shown_networks(counts: dict[int, int], limit: int) -> set[int]:
    """The networks shown separately (complementary suppression, see the module's docstring):
    each has at least `limit` answers, and the rest together ("Övriga nätverk", the whole
    cooperation minus the networks shown) has none or at least `limit`. Networks are folded
    smallest first (then by id, so the outcome does not depend on the order of answering)."""
    shown = {nid for nid, n in counts.items() if n >= limit}
    rest = sum(n for nid, n in counts.items() if nid not in shown)
    while 0 < rest < limit and shown:
        smallest = min(shown, key=lambda nid: (counts[nid], nid))
        shown.discard(smallest)
        rest += counts[smallest]
    return shown


def _grouped(survey: SurveyRound) -> tuple[list[CoverageRow], dict[str, list[dict]]]:
    """Coverage per network and, for a closed round, the responses per group, folded below
    the threshold with complementary suppression. An open round has no groups."""
    limit = threshold()
    coverage_rows = list(
        RoundNetwork.objects.filter(round=survey)
        .select_related("network")
        .order_by("network__name")
    )
    answered = answered_per_network(survey)
    by_network: dict[int, list[dict]] = {}
    if survey.state == SurveyRound.State.CLOSED:
        for network_id, answers in Response.objects.filter(round=survey).values_list(
            "network_id", "answers"
        ):
            by_network.setdefault(network_id, []).append(answers)
    shown = shown_networks(
        {row.network_id: len(by_network.get(row.network_id, [])) for row in coverage_rows}, limit
    )
    coverage = []
    groups: dict[str, list[dict]] = {"all": [], "other": []}
    for row in coverage_rows:
        responses = by_network.get(row.network_id, [])
        coverage.append(
            CoverageRow(
                network=row.network,
                invited=row.invited,
                answered=answered.get(row.network_id, 0),
                shown=row.network_id in shown,
            )
        )
        groups["all"] += responses
        key = f"network-{row.network_id}" if row.network_id in shown else "other"
        groups.setdefault(key, []).extend(responses)
    return coverage, groups


def round_results(survey: SurveyRound, *, network_ids: set[int] | None = None) -> RoundResults:
    """Results of a round. `network_ids` limits the per-network groups to those (a member sees
    their own networks); the cooperation's and the folded group are always included when
    they reach the threshold."""
    limit = threshold()
    questions = list(survey.questions.all())
    coverage, groups = _grouped(survey)
    previous = previous_round(survey)
    prev_groups: dict[str, dict[str, Fraction]] = {}
    if previous is not None:
        prev_questions = list(previous.questions.all())
        _cov, prev = _grouped(previous)
        # Only groups that round published: no mean of a group below the threshold.
        prev_groups = {k: _means(prev_questions, v) for k, v in prev.items() if len(v) >= limit}
    results = []
    total_invited = sum(c.invited for c in coverage)
    total_answered = sum(c.answered for c in coverage)
    if len(groups["all"]) >= limit:
        results.append(
            GroupResult(
                key="all",
                label=_("Hela samverkan"),
                network=None,
                invited=total_invited,
                answered=total_answered,
                questions=_summarise(questions, groups["all"], prev_groups.get("all")),
            )
        )
    for c in coverage:
        key = f"network-{c.network.pk}"
        if c.shown and (network_ids is None or c.network.pk in network_ids):
            results.append(
                GroupResult(
                    key=key,
                    label=c.network.name,
                    network=c.network,
                    invited=c.invited,
                    answered=c.answered,
                    questions=_summarise(questions, groups[key], prev_groups.get(key)),
                )
            )
    folded = [c for c in coverage if not c.shown]
    if len(groups["other"]) >= limit:
        results.append(
            GroupResult(
                key="other",
                label=_("Övriga nätverk"),
                network=None,
                invited=sum(c.invited for c in folded),
                answered=sum(c.answered for c in folded),
                questions=_summarise(questions, groups["other"], prev_groups.get("other")),
            )
        )
    return RoundResults(
        round=survey, threshold=limit, coverage=coverage, groups=results, previous=previous
    )


def open_invitations_for(person_id: int) -> list[Invitation]:
    """My page: the rounds I may still answer, for my own eyes only. Whether a link was used
    is known only through the secret key (tokens.used_marker): no stored flag tells it."""
    invitations = list(
        Invitation.objects.filter(
            person_id=person_id, round__state=SurveyRound.State.OPEN
        ).select_related("round", "network")
    )
    if not invitations:
        return []
    markers = tokens.used_markers(inv.nonce for inv in invitations)
    used = set(
        UsedLink.objects.filter(marker__in=[m for ms in markers.values() for m in ms]).values_list(
            "marker", flat=True
        )
    )
    return [inv for inv in invitations if not used.intersection(markers[inv.nonce])]
