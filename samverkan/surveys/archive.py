"""A network's survey results in its export and archive package (P4, ST2; issue 15 §4): as they
were published to the network, aggregates only. Each closed round that covered the network
gives the groups its members saw (the whole cooperation, the network where at least the
threshold answered, "Övriga nätverk"), each with counts, distributions and means.

Never the free-text answers, though they are published to the network's members: an archive
package is a public record anyone may ask for, and a sentence can name the one who wrote it.
Only how many wrote one. Nothing from the invitations (who answered) either (SPEC §6)."""

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from samverkan.networks.lifecycle.export import d, export_part
from samverkan.networks.models import Network
from samverkan.surveys.models import Question, SurveyRound
from samverkan.surveys.selectors import GroupResult, round_results


def _number(value: Fraction | None) -> float | None:
    return round(float(value), 2) if value is not None else None


def _group(group: GroupResult) -> dict[str, Any]:
    return {
        "group": group.label,
        "invited": group.invited,
        "answered": group.answered,
        "questions": [
            {
                "key": q.question.key,
                "text": q.question.text,
                "kind": q.question.kind,
                "answers": q.count,
                "distribution": dict(q.distribution)
                if q.question.kind != Question.Kind.TEXT
                else None,
                "mean": _number(q.mean),
                "previous_mean": _number(q.previous_mean),
            }
            for q in group.questions
        ],
    }


@export_part("surveys", _("Enkätresultat som de publicerades"), order=75)
def surveys_part(network: Network) -> Iterator[dict[str, Any]]:
    rounds = SurveyRound.objects.filter(
        coverage__network=network, state=SurveyRound.State.CLOSED
    ).order_by("opens_on", "pk")
    for survey in rounds:
        results = round_results(survey, network_ids={network.pk})
        own = [c for c in results.coverage if c.network.pk == network.pk]
        yield {
            "title": survey.title,
            "opens_on": d(survey.opens_on),
            "closes_on": d(survey.closes_on),
            "threshold": results.threshold,
            "invited": own[0].invited if own else 0,
            "answered": own[0].answered if own else 0,
            # False: fewer answered than the threshold; the network's answers are in "Övriga
            # nätverk" and the cooperation's figures.
            "shown_separately": bool(own and own[0].shown),
            "groups": [_group(g) for g in results.groups],
        }
