"""The yearly report for the municipal directors' group (SPEC §5): key figures first, then
networks and changes, compliance per rule, survey results with charts, costs per
municipality and the participation matrix."""

import datetime
from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from samverkan.compliance import stored
from samverkan.compliance.models import StoredVerdict
from samverkan.compliance.registry import STATUS_LABELS, as_of_for_year
from samverkan.compliance.selectors import evaluate, registered_rules, summary
from samverkan.cooperation.models import Cooperation
from samverkan.costs.selectors import municipality_year_summary
from samverkan.files.pdf import data_uri, render_pdf
from samverkan.networks.models import Network
from samverkan.reports.figures import key_figures
from samverkan.reports.matrix import participation_matrix
from samverkan.reports.svg import heat_map
from samverkan.surveys.models import SurveyRound
from samverkan.surveys.presentation import result_context
from samverkan.surveys.rules import cooperation_survey_state


def survey_overview(context: dict[str, Any] | None) -> dict[str, Any] | None:
    """The report shows the whole cooperation's charts, and one compact table of every other
    group's means (networks from the threshold, and the folded "Övriga nätverk")."""
    if context is None:
        return None
    groups = context["groups"]
    whole = [g for g in groups if g["g"].key == "all"]
    others = [g for g in groups if g["g"].key != "all"]
    scale = [
        q["r"].question
        for q in (groups[0]["questions"] if groups else [])
        if q["r"].question.kind == "scale"
    ]
    rows = [
        {
            "label": g["g"].label,
            "rate": g["rate"],
            "means": [q["mean"] for q in g["questions"] if q["r"].question.kind == "scale"],
        }
        for g in others
    ]
    return {"whole": whole, "questions": scale, "rows": rows}


# Networks per table of the participation matrix in the PDF: an A4 page has room for the
# municipality's name and six columns of "Inbjuden, inte svarat" at 7 pt; a table of every
# network ran off the right edge of the page.
PDF_MATRIX_COLUMNS = 6


def pdf_context(context: dict[str, Any]) -> dict[str, Any]:
    """yearly_report's context, with what only the PDF needs: the logo inlined and the
    participation matrix cut into tables that fit the page's width."""
    return {
        **context,
        "pdf": True,
        "logo": data_uri(context["cooperation"].logo),
        "matrix_parts": context["matrix"].column_groups(PDF_MATRIX_COLUMNS),
    }


def yearly_report_pdf(context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    """The report (yearly_report's context) as PDF; like every PDF it is tagged and rendered
    with files.pdf's one fetcher, which reads nothing outside the instance."""
    return render_pdf("reports/yearly_pdf.html", pdf_context(context), request)


def rule_counts(
    networks: list[Network], year: int, today: datetime.date
) -> dict[str, dict[str, int]]:
    """Compliance per rule: one GROUP BY over the stored verdicts of the year (every stale one
    evaluated first: a report is exact); a year no longer stored is evaluated fresh."""
    if not networks:
        return {}
    if year not in stored.stored_years(today):
        return summary(evaluate(networks, as_of_for_year(year, today)))
    checked = Network.objects.filter(pk__in=[n.pk for n in networks])
    stored.refresh_stale(checked, year, today=today, limit=-1)
    return stored.verdict_counts(checked, year)


def network_statuses(networks: list[Network], year: int, today: datetime.date) -> list[set[str]]:
    """For each network, the statuses of its verdicts of the year (the key figures count the
    networks with something missing, with a warning, and with everything met): from the
    stored verdicts, every stale one evaluated first; a year no longer stored fresh."""
    if not networks:
        return []
    if year not in stored.stored_years(today):
        results = evaluate(networks, as_of_for_year(year, today))
        return [{v.status.value for v in r.verdicts.values()} for r in results]
    checked = Network.objects.filter(pk__in=[n.pk for n in networks])
    stored.refresh_stale(checked, year, today=today, limit=-1)
    by_network: dict[int, set[str]] = {n.pk: set() for n in networks}
    rows = StoredVerdict.objects.filter(network__in=checked, year=year)
    for network_id, status in rows.values_list("network_id", "status").distinct():
        by_network[network_id].add(status)
    return [by_network[n.pk] for n in networks]


def yearly_report(year: int, today: datetime.date) -> dict[str, Any]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    as_of = as_of_for_year(year, today)
    active = list(
        Network.objects.filter(started_on__lte=last)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=first))
        .exclude(status__in=[Network.Status.PROPOSED, Network.Status.STARTING])
        .select_related("area")
        .order_by("name")
    )
    started = [n for n in active if n.started_on and n.started_on >= first]
    closed = [n for n in active if n.closed_on and n.closed_on <= last]
    checked = [n for n in active if n.status == Network.Status.ACTIVE]
    survey = (
        SurveyRound.objects.filter(state=SurveyRound.State.CLOSED, closed_on__lte=last)
        .order_by("-closed_on", "-pk")
        .first()
    )
    matrix = participation_matrix(min(as_of, last))
    survey_context = result_context(survey, None) if survey else None
    costs = municipality_year_summary(year)
    return {
        "year": year,
        "as_of": as_of,
        "cooperation": Cooperation.current(),
        "active": active,
        "started": started,
        "closed": closed,
        "rules": registered_rules(),
        "counts": rule_counts(checked, year, today),
        "labels": STATUS_LABELS,
        "survey_state": cooperation_survey_state(as_of),
        "survey": survey_context,
        "survey_overview": survey_overview(survey_context),
        "costs": costs,
        "figures": key_figures(
            active=active,
            started=started,
            closed=closed,
            network_statuses=network_statuses(checked, year, today),
            survey=survey_context,
            costs=costs,
        ),
        "matrix": matrix,
        "heat_map": heat_map(matrix),
    }
