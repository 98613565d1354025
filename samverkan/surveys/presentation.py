"""Survey results shaped for pages and the yearly report: charts beside their figures."""

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


def result_context(survey: SurveyRound, network_ids: set[int] | None) -> dict[str, Any]:
    results = selectors.round_results(survey, network_ids=network_ids)
    colour = brand_colour()
    groups = []
    for group in results.groups:
        questions = []
        for q in group.questions:
            chart = None
            if q.distribution:
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
                }
            )
        groups.append({"g": group, "rate": _percent(group.rate), "questions": questions})
    coverage = [{"c": c, "rate": _percent(c.rate)} for c in results.coverage_of(network_ids)]
    return {"survey": survey, "results": results, "groups": groups, "coverage": coverage}


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
            mean = round(float(q.mean), 2) if q.mean is not None else ""
            prev = round(float(q.previous_mean), 2) if q.previous_mean is not None else ""
            change = round(float(q.change), 2) if q.change is not None else ""
            for label, n in q.distribution:
                rows.append(
                    [g.label, g.invited, g.answered, q.question.text, label, n, mean, prev, change]
                )
            for text in q.texts:
                rows.append([g.label, g.invited, g.answered, q.question.text, text, 1, "", "", ""])
    return header, rows
