"""The dashboard's reads (issue 17): the stored verdicts, never a fresh evaluation of every
network. A constant number of queries whatever the size of the cooperation: the counts are one
GROUP BY over the stored rows, the matrix is one page of networks and that page's rows."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from samverkan.compliance import stored
from samverkan.compliance.registry import Rule, Status
from samverkan.compliance.stored import StoredVerdicts
from samverkan.networks.models import Network

# What `?visa=` may ask for: the networks with at least one verdict of that status.
SHOWN_STATUSES = (Status.MISSING.value, Status.WARNING.value)


def dashboard_networks(*, area: str = "") -> QuerySet[Network]:
    """The networks the dashboard judges: every network not closed, of one area if asked."""
    networks = Network.objects.exclude(status=Network.Status.CLOSED).select_related("area")
    if area:
        networks = networks.filter(area__slug=area)
    return networks


def listed_networks(networks: QuerySet[Network], year: int, only: str) -> QuerySet[Network]:
    """The matrix's networks in name order, narrowed by `?visa=` (an EXISTS over the rows)."""
    if only in SHOWN_STATUSES:
        networks = stored.networks_with_status(networks, year, [only])
    return networks.order_by("name", "pk")


@dataclass
class Matrix:
    """What the matrix shows: one page of networks with their stored verdicts, the counts of
    every network asked for, how many are still being updated, and when the oldest verdict
    was computed."""

    page: Page[Any]
    rows: list[StoredVerdicts]
    counts: dict[str, dict[str, int]]
    updating: int
    computed_at: datetime.datetime | None


def dashboard_matrix(
    *, year: int, area: str, only: str, page_number: Any, page_size: int, today: datetime.date
) -> Matrix:
    networks = dashboard_networks(area=area)
    # A few stale networks (a write just committed, its task not yet run) are evaluated now;
    # many (a cooperation-wide change) are left to the task and counted as being updated.
    updating = stored.refresh_stale(networks, year, today=today)
    page = Paginator(listed_networks(networks, year, only), page_size).get_page(page_number)
    rows = stored.stored_verdicts(page.object_list, year, today=today)
    return Matrix(
        page=page,
        rows=rows,
        counts=stored.verdict_counts(networks, year),
        updating=updating,
        computed_at=stored.computed_at(networks, year),
    )


def every_row(*, year: int, area: str, only: str, today: datetime.date) -> list[StoredVerdicts]:
    """Every network the choices match, for the file (not one page), as stored: a network
    still being updated (more stale than a page evaluates inline) has its last stored rows."""
    networks = dashboard_networks(area=area)
    stored.refresh_stale(networks, year, today=today)
    return stored.stored_verdicts(
        list(listed_networks(networks, year, only)), year, today=today, inline=False
    )


def applicable_columns(rules: list[Rule], rows: list[StoredVerdicts]) -> list[Rule]:
    """The rules that apply to at least one of these networks: the matrix's columns."""
    return [
        r
        for r in rules
        if any(
            (v := row.verdicts.get(r.id)) is not None and v.status != Status.NOT_APPLICABLE
            for row in rows
        )
    ]
