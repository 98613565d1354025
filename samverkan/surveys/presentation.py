"""Survey results shaped for pages and the yearly report: charts beside their figures.

A chart is drawn once per question, for the first (widest) group shown, the whole
cooperation as a rule; the groups after it show the same figures as tables. A chart per
network made the results page of a large cooperation weigh 1.6 MB (135 inline SVGs); the
tables say the same to every reader. Free-text answers given more than once are shown once,
with how many gave them."""

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from samverkan.cooperation.selectors import brand_colour
from samverkan.files.charts import bar_chart
from samverkan.surveys import selectors
from samverkan.surveys.models import SurveyRound


def _percent(value: Any) -> str:
    return "–" if value is None else f"{float(value) * 100:.0f} %"


def _number(value: Any) -> str:
    return "–" if value is None else f"{float(value):.2f}".replace(".", ",")


def _signed(value: Any) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + f"{float(value):.2f}".replace(".", ",")


def grouped_texts(texts: list[str]) -> list[tuple[str, int]]:
    """Each distinct answer once with its count, the most given first, then alphabetically
    (never in the order answered). Answers differing only in surrounding space are one."""
    counts = Counter(t.strip() for t in texts if t.strip())
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].lower(), item[0]))


def result_context(survey: SurveyRound, network_ids: set[int] | None) -> dict[str, Any]:
    results = selectors.round_results(survey, network_ids=network_ids)
    colour = brand_colour()
    groups = []
    charted: set[str] = set()
    for group in results.groups:
        questions = []
        for q in group.questions:
            chart = None
            if q.distribution and q.question.key not in charted:
                charted.add(q.question.key)
                chart = bar_chart(
                    [label for label, _n in q.distribution],
                    [n for _label, n in q.distribution],
                    colour=colour,
                )
            questions.append(
                {
                    "r": q,
                    "chart": chart,
                    "mean": _number(q.mean),
                    "previous": _number(q.previous_mean),
                    "change": _signed(q.change),
                    "texts": grouped_texts(q.texts),
                }
            )
        groups.append({"g": group, "rate": _percent(group.rate), "questions": questions})
    coverage = [{"c": c, "rate": _percent(c.rate)} for c in results.coverage_of(network_ids)]
    return {"survey": survey, "results": results, "groups": groups, "coverage": coverage}


def _cell(value: Fraction | None) -> Decimal | str:
    """A mean as a number of the file with two decimals: "3,45" in CSV (files.tables writes
    a decimal comma), a number in XLSX; empty when there is none."""
    if value is None:
        return ""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def results_table(results: selectors.RoundResults) -> tuple[list[str], list[list[Any]]]:
    """The figures of a round as rows, for CSV, XLSX and the e-mailed results."""
    header = [
        _("Grupp"),
        _("Inbjudna"),
        _("Svarande"),
        _("Fråga"),
        _("Svar"),
        _("Antal"),
        _("Medelvärde"),
        _("Förra omgången"),
        _("Förändring"),
    ]
    rows: list[list[Any]] = []
    for g in results.groups:
        for q in g.questions:
            mean, prev, change = _cell(q.mean), _cell(q.previous_mean), _cell(q.change)
            for label, n in q.distribution:
                rows.append(
                    [g.label, g.invited, g.answered, q.question.text, label, n, mean, prev, change]
                )
            for text, n in grouped_texts(q.texts):
                rows.append([g.label, g.invited, g.answered, q.question.text, text, n, "", "", ""])
    return header, rows
