"""The dashboard's reads (issue 17): the stored verdicts, never a fresh evaluation of every
network. A constant number of queries whatever the size of the cooperation: the counts are one
GROUP BY over the stored rows, the matrix is one page of networks and that page's rows."""

import datetime
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from samverkan.compliance import stored
from samverkan.compliance.registry import Rule, Status
from samverkan.compliance.stored import StoredVerdicts
from samverkan.cooperation.models import Area
from samverkan.history import fragments
from samverkan.history.fragments import fragment_key
from samverkan.networks.models import Network

# What `?visa=` may ask for: the networks with at least one verdict of that status.
SHOWN_STATUSES = (Status.MISSING.value, Status.WARNING.value)


def dashboard_networks(*, area: str = "") -> QuerySet[Network]:
    """The networks the dashboard judges: every network not closed, of one area if asked."""
    networks = Network.objects.exclude(status=Network.Status.CLOSED).select_related("area")
    if area:
        networks = networks.filter(area__slug=area)
    return networks


# `?ordning=`: by name (the default) or the worst first.
ORDER_WORST = "samst"


def listed_networks(
    networks: QuerySet[Network], year: int, only: str, *, rule: str = "", order: str = ""
) -> QuerySet[Network]:
    """The matrix's networks, narrowed by `?visa=` (a status) and `?regel=` (a rule: the
    networks it applies to, or that have that status for it), by name or the worst first."""
    if rule:
        networks = stored.networks_with_rule(
            networks, year, rule, [only] if only in SHOWN_STATUSES else []
        )
    elif only in SHOWN_STATUSES:
        networks = stored.networks_with_status(networks, year, [only])
    if order == ORDER_WORST:
        return stored.worst_first(networks, year)
    return networks.order_by("name", "pk")


# ---- the matrix's columns in groups (issue 16) --------------------------------------------------


@dataclass(frozen=True)
class GroupKind:
    slug: str
    title: StrOrPromise
    prefixes: tuple[str, ...]


# SPEC §2: the checklist (N, closing C, taking part P, support ST), starting (S), and the
# parameters of a network's agreement (F, PR, CH, CO).
GROUP_KINDS = (
    GroupKind("checklista", _("Checklistan"), ("N", "C", "P", "ST")),
    GroupKind("uppstart", _("Uppstart"), ("S",)),
    GroupKind("overenskommelse", _("Överenskommelsen"), ("F", "PR", "CH", "CO")),
)


def group_of(rule_id: str) -> str:
    prefix = re.match(r"[A-Z]+", rule_id)
    letters = prefix.group(0) if prefix else ""
    for kind in GROUP_KINDS:
        if letters in kind.prefixes:
            return kind.slug
    return GROUP_KINDS[0].slug


@dataclass
class Group:
    """One group of rule columns: the rules shown, how many of its rules are left out
    (they apply to none of the networks shown), and whether it is collapsed (none of its
    rules applies to any network shown, and it was not opened by `?oppna=`)."""

    slug: str
    title: StrOrPromise
    rules: list[Rule] = field(default_factory=list)
    hidden: int = 0
    collapsed: bool = False
    opened: bool = False
    toggle: str = ""  # the query string that opens (or closes) the group

    @property
    def span(self) -> int:
        return 1 if self.collapsed else len(self.rules)


def column_groups(
    rules: list[Rule],
    rows: list[StoredVerdicts],
    opened: Collection[str] = (),
    *,
    applicable: Collection[str] | None = None,
) -> list[Group]:
    """The matrix's columns in their groups: a rule that applies to none of the networks
    shown is left out; a group with no rule left is collapsed to one column, unless opened
    (then it shows all its rules). `applicable`: the ids of the rules that apply, when known
    (then `rows` is not read)."""
    if applicable is None:
        applicable = {r.id for r in applicable_columns(rules, rows)}
    groups = []
    for kind in GROUP_KINDS:
        own = [r for r in rules if group_of(r.id) == kind.slug]
        if not own:
            continue
        group = Group(kind.slug, kind.title, opened=kind.slug in opened)
        if group.opened:
            group.rules = own
        else:
            group.rules = [r for r in own if r.id in applicable]
            group.hidden = len(own) - len(group.rules)
            group.collapsed = not group.rules
            if group.collapsed:
                group.rules = own
        groups.append(group)
    return groups


def verdict_totals(counts: dict[str, dict[str, int]]) -> dict[str, int]:
    """{status: verdicts} over every rule: the counts on top of the dashboard."""
    totals: dict[str, int] = {}
    for per_status in counts.values():
        for status, n in per_status.items():
            totals[status] = totals.get(status, 0) + n
    return totals


@dataclass
class Matrix:
    """What the matrix shows: one page of networks with their stored verdicts, the counts of
    every network asked for, how many are still being updated, and when the oldest verdict
    was computed."""

    page: Page[Any]
    counts: dict[str, dict[str, int]]
    updating: int
    computed_at: datetime.datetime | None
    year: int
    today: datetime.date
    # The page's networks still stale after the inline evaluation (more than it does inline).
    stale: set[int] = field(default_factory=set)

    def rows(self) -> list[StoredVerdicts]:
        """The page's stored verdicts (its stale networks were evaluated when it was made)."""
        networks = list(self.page.object_list)
        return stored.stored_verdicts(networks, self.year, today=self.today, stale=self.stale)

    def kept_or_built[T](self, name: str, parts: tuple[Any, ...], build: Callable[[], T]) -> T:
        """What `build` makes of the page's rows, kept (`kept`) while they stay the same: no
        write of stored rows, no network or area changed; built each time while some of the
        page's networks are still being updated."""
        if self.stale:
            return build()
        ids = tuple(n.pk for n in self.page.object_list)
        return kept(
            name, (self.year, *parts, "|", *ids), build, today=self.today, models=(Network, Area)
        )


def kept[T](
    name: str,
    parts: tuple[Any, ...],
    build: Callable[[], T],
    *,
    today: datetime.date,
    models: Sequence[type[Model]] = (Network,),
) -> T:
    """What `build` reads from the stored verdicts (and from `models`), kept as a fragment
    until a write of stored rows raises their version or a row of `models` changes
    (history/fragments.py): the counts' GROUP BY over a year's 46,000 rows and the duty lists'
    first rows in name order were 18 of the warm dashboard's 23 ms of SQL (issue 17)."""
    key = fragment_key(name, *parts, stored.verdicts_version(), today=today, models=models)
    # Kept in the shared cache as well: one worker counts per change, and a worker that has
    # just started finds the counts (a cold dashboard took twice a warm one).
    value = fragments.get_object(key, shared=True)
    if value is None:
        value = build()
        fragments.put_object(key, value, shared=True)
    return value


def dashboard_matrix(
    *,
    year: int,
    area: str,
    only: str,
    page_number: Any,
    page_size: int,
    today: datetime.date,
    rule: str = "",
    order: str = "",
) -> Matrix:
    networks = dashboard_networks(area=area)
    by_verdicts = only in SHOWN_STATUSES or rule or order == ORDER_WORST
    if by_verdicts:
        # Which networks are listed depends on their verdicts: a few stale ones (as after a
        # write) are evaluated first, many are left to the task and counted as being updated.
        updating = stored.refresh_stale(networks, year, today=today)
    listed = listed_networks(networks, year, only, rule=rule, order=order)
    page = Paginator(listed, page_size).get_page(page_number)
    # The page's own stale networks (a write just committed, its task not yet run) are
    # evaluated now, so a change shows on its row at once. The page does not wait for the
    # networks it does not show: their task is on its way (the queue's delay is about a
    # second, bench/README.md), their last rows are counted meanwhile and their number is
    # shown as being updated (issue 17: the evaluation inline was a third of the dashboard
    # right after a write).
    networks_shown = list(page.object_list)
    stale = stored.make_current([n.pk for n in networks_shown], year, today=today)
    if not by_verdicts:
        # The networks without rows (a NOT EXISTS over every network, 17 ms at 10,000 on
        # PostgreSQL) kept under the stored rows' version and the networks' history; the
        # marks, which a write adds without either, are read every time.
        unstored = kept(
            "unstored",
            (year, area),
            lambda: stored.unstored_ids(networks, year, limit=settings.COMPLIANCE_INLINE_MAX),
            today=today,
        )
        updating = stored.stale_count(networks, year, unstored=unstored)
    counts, oldest = kept(
        "verdict-summary",
        (year, area),
        lambda: stored.verdict_summary(networks, year),
        today=today,
    )
    return Matrix(
        page=page,
        counts=counts,
        updating=updating,
        computed_at=oldest,
        year=year,
        today=today,
        stale=stale,
    )


def every_row(
    *, year: int, area: str, only: str, today: datetime.date, rule: str = "", order: str = ""
) -> list[StoredVerdicts]:
    """Every network the choices match, for the file (not one page), as stored: a network
    still being updated (more stale than a page evaluates inline) has its last stored rows."""
    networks = dashboard_networks(area=area)
    stored.refresh_stale(networks, year, today=today)
    return stored.stored_verdicts(
        list(listed_networks(networks, year, only, rule=rule, order=order)),
        year,
        today=today,
        inline=False,
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
