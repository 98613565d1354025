"""The yearly report's key figures (issue 18): what a municipal director reads first, before
the lists: how many networks were active, started and closed; how the checklist stands; how
many answered the quality survey; what the networks cost."""

from dataclasses import dataclass
from typing import Any

from samverkan.compliance.registry import Status
from samverkan.costs.selectors import MunicipalitySummary
from samverkan.networks.models import Network


@dataclass(frozen=True)
class ChecklistFigures:
    """Networks by their worst verdict: every rule met (or not applicable), some warning but
    nothing missing, or something missing."""

    checked: int
    met: int
    warned: int
    missing: int


@dataclass(frozen=True)
class SurveyFigures:
    title: str
    invited: int
    answered: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.answered / self.invited) if self.invited else None


@dataclass(frozen=True)
class KeyFigures:
    active: int
    started: int
    closed: int
    checklist: ChecklistFigures
    survey: SurveyFigures | None
    costs_total_ore: int
    costs_networks: int
    costs_municipalities: int


def checklist_figures(network_statuses: list[set[str]]) -> ChecklistFigures:
    """`network_statuses`: for each network checked, the statuses of its verdicts."""
    met = warned = missing = 0
    for statuses in network_statuses:
        if Status.MISSING in statuses:
            missing += 1
        elif Status.WARNING in statuses:
            warned += 1
        else:
            met += 1
    return ChecklistFigures(checked=len(network_statuses), met=met, warned=warned, missing=missing)


def survey_figures(context: dict[str, Any] | None) -> SurveyFigures | None:
    """The response rate over every network of the round (the results page shows the same
    rate per network, published or not, so the sum tells nothing more)."""
    if context is None:
        return None
    coverage = context["results"].coverage
    return SurveyFigures(
        title=context["survey"].title,
        invited=sum(c.invited for c in coverage),
        answered=sum(c.answered for c in coverage),
    )


def key_figures(
    *,
    active: list[Network],
    started: list[Network],
    closed: list[Network],
    network_statuses: list[set[str]],
    survey: dict[str, Any] | None,
    costs: MunicipalitySummary,
) -> KeyFigures:
    return KeyFigures(
        active=len(active),
        started=len(started),
        closed=len(closed),
        checklist=checklist_figures(network_statuses),
        survey=survey_figures(survey),
        costs_total_ore=costs.total,
        costs_networks=len(costs.networks),
        costs_municipalities=len(costs.municipalities),
    )
