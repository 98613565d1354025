"""P4/ST2 in the compliance registry: a quality survey of all networks at least every other
year. The cooperation's check is the same for every network (missing when no round closed in
the last two years, warning from 21 months); each network's verdict also says whether the last
round covered it and how many answered."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from samverkan.compliance.registry import Status, Verdict, fix_url, rule
from samverkan.compliance.registry import text as _
from samverkan.compliance.snapshot import NetworkFacts, Snapshot, loader
from samverkan.networks.rules import not_active
from samverkan.surveys.models import RoundNetwork, SurveyRound
from samverkan.surveys.selectors import answered_per_network

WARNING_MONTHS = 21
MISSING_MONTHS = 24


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


@dataclass
class CooperationSurveyState:
    last: SurveyRound | None
    months: int | None
    status: str  # a registry Status value
    explanation: str


def cooperation_survey_state(as_of: datetime.date) -> CooperationSurveyState:
    """The dashboard's and the yearly report's survey state for the whole cooperation."""
    last = (
        SurveyRound.objects.filter(state=SurveyRound.State.CLOSED, closed_on__lte=as_of)
        .order_by("-closed_on", "-pk")
        .first()
    )
    return _state(last, as_of)


def _state(last: SurveyRound | None, as_of: datetime.date) -> CooperationSurveyState:
    if last is None or last.closed_on is None:
        return CooperationSurveyState(
            None, None, Status.MISSING, _("Ingen enkätomgång har stängts ännu (P4, ST2).")
        )
    months = months_between(last.closed_on, as_of)
    values = {"title": last.title, "date": last.closed_on.isoformat(), "m": months}
    if months >= MISSING_MONTHS:
        return CooperationSurveyState(
            last,
            months,
            Status.MISSING,
            _(
                "Ingen enkätomgång har stängts de senaste två åren; senaste, %(title)s, "
                "stängdes %(date)s (P4, ST2)."
            )
            % values,
        )
    if months >= WARNING_MONTHS:
        return CooperationSurveyState(
            last,
            months,
            Status.WARNING,
            _(
                "Senaste enkäten, %(title)s, stängdes %(date)s för %(m)d månader sedan: "
                "dags att öppna nästa omgång (P4, ST2)."
            )
            % values,
        )
    return CooperationSurveyState(
        last,
        months,
        Status.OK,
        _("Senaste enkäten, %(title)s, stängdes %(date)s.") % values,
    )


@loader
def load_surveys(snap: Snapshot) -> None:
    """Four queries: the last closed round, its coverage and its answers per network."""
    state = cooperation_survey_state(snap.as_of)
    coverage: dict[int, tuple[int, int]] = {}
    if state.last is not None:
        invited = dict(
            RoundNetwork.objects.filter(round=state.last).values_list("network_id", "invited")
        )
        answered = answered_per_network(state.last)
        coverage = {nid: (n, answered.get(nid, 0)) for nid, n in invited.items()}
    # The round, not its words: a rule renders the explanation in the language it runs in
    # (one snapshot serves both languages of the stored verdicts).
    snap.extra["survey_round"] = state.last
    for f in snap.networks:
        f.extra["survey_coverage"] = coverage.get(f.network.pk)


@rule("P4", gettext_lazy("Kvalitetsenkät minst vartannat år (P4, ST2)"))
def p4_survey(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """P4, ST2: a quality survey of all networks runs at least every other year."""
    if skip := not_active("P4", facts):
        return skip
    state = _state(snap.extra["survey_round"], snap.as_of)  # no query: the loader's round
    url = fix_url("surveys:index")
    if state.status != Status.OK or state.last is None:
        return Verdict("P4", Status(state.status), state.explanation, url)
    covered = facts.extra.get("survey_coverage")
    if covered is None:
        return Verdict(
            "P4",
            Status.WARNING,
            _("%(base)s Nätverket omfattades inte av den omgången.") % {"base": state.explanation},
            url,
        )
    invited, answered = covered
    rate = f"{answered * 100 // invited} %" if invited else "–"
    return Verdict(
        "P4",
        Status.OK,
        _("%(base)s Nätverket omfattades: %(a)d av %(i)d svarade (%(rate)s).")
        % {"base": state.explanation, "a": answered, "i": invited, "rate": rate},
        fix_url("surveys:results", pk=state.last.pk),
    )
