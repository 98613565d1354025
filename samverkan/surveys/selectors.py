"""Survey results (P4, ST2): per network where enough answered, otherwise folded into
"Övriga nätverk"; for the whole cooperation; compared with the previous round."""

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from samverkan.networks.models import Network
from samverkan.surveys.models import Invitation, Question, Response, RoundNetwork, SurveyRound
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


def _grouped(survey: SurveyRound) -> tuple[list[CoverageRow], dict[str, list[dict]]]:
    """Coverage per network and the responses per group, folded below the threshold."""
    limit = threshold()
    coverage_rows = list(
        RoundNetwork.objects.filter(round=survey)
        .select_related("network")
        .order_by("network__name")
    )
    answered = dict(
        Invitation.objects.filter(round=survey)
        .values("network_id")
        .annotate(n=Count("pk", filter=Q(answered=True)))
        .values_list("network_id", "n")
    )
    by_network: dict[int, list[dict]] = {}
    for network_id, answers in Response.objects.filter(round=survey).values_list(
        "network_id", "answers"
    ):
        by_network.setdefault(network_id, []).append(answers)
    coverage = []
    groups: dict[str, list[dict]] = {"all": [], "other": []}
    for row in coverage_rows:
        responses = by_network.get(row.network_id, [])
        shown = len(responses) >= limit
        coverage.append(
            CoverageRow(
                network=row.network,
                invited=row.invited,
                answered=answered.get(row.network_id, len(responses)),
                shown=shown,
            )
        )
        groups["all"] += responses
        key = f"network-{row.network_id}" if shown else "other"
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
        prev_groups = {k: _means(prev_questions, v) for k, v in prev.items()}
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
    """My page: the rounds I may still answer (the link itself comes by e-mail)."""
    return list(
        Invitation.objects.filter(
            person_id=person_id, answered=False, round__state=SurveyRound.State.OPEN
        ).select_related("round", "network")
    )
