"""Stored verdicts (issue 17): written after each change and every night, read by the pages.

A network's rows for a year are *stale* when it has none for that year, or when its mark (or
the cooperation-wide mark) is newer than the time they were computed. Readers never show a
stale row as current: `refresh_stale` and `stored_verdicts` evaluate the few stale networks a
page needs inline and store them, and flag the rest as being updated (the task is on its way).

Compliance imports no domain room (README, "Architecture"): callers pass the networks in; the
one place that needs the model finds it through the stored row's foreign key."""

import datetime
import resource
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from samverkan.compliance.marks import Seen, clear_marks, marks_seen
from samverkan.compliance.models import StoredVerdict, VerdictMark, VerdictRun, VerdictsVersion
from samverkan.compliance.registry import Status, Verdict, as_of_for_year
from samverkan.compliance.selectors import AnyVerdicts, evaluate_in, registered_rules

UPSERT_BATCH = 1000


@dataclass
class StoredVerdicts(AnyVerdicts):
    """One network's verdicts for a year as stored: when they were computed, for which day,
    and whether they are being updated (stale, and too many to evaluate for this page)."""

    computed_at: datetime.datetime | None = None
    as_of: datetime.date | None = None
    updating: bool = False
    statuses: set[str] = field(default_factory=set)


def stored_years(today: datetime.date) -> range:
    """The years kept: the dashboard's choice of years."""
    return range(today.year - 2, today.year + 2)


def network_model() -> Any:
    return StoredVerdict._meta.get_field("network").related_model


# ---- writing ---------------------------------------------------------------------------------


def verdicts_version() -> int:
    """The number every write of stored rows raises (0 before the first): read it before the
    rows, and what was read from them is current for as long as it stays the same."""
    return VerdictsVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


def _raise_version() -> None:
    """Last in the transaction that wrote stored rows: on PostgreSQL the row stays locked only
    from here to the commit, so writers queue behind each other for no longer than that, and a
    reader that sees the new number sees every row written under it."""
    if not VerdictsVersion.objects.filter(pk=1).update(version=F("version") + 1):
        VerdictsVersion.objects.get_or_create(pk=1, defaults={"version": 1})


def _texts(networks: list[Any], as_of: datetime.date) -> dict[int, dict[str, dict[str, Any]]]:
    """Every rule's verdict for every network, with its explanation in every language: one
    snapshot, the rules run once per language (compliance/selectors.evaluate_in)."""
    out: dict[int, dict[str, dict[str, Any]]] = {}
    per_language = evaluate_in(networks, as_of, [code for code, _name in settings.LANGUAGES])
    for code, results in per_language.items():
        for row in results:
            verdicts = out.setdefault(row.network.pk, {})
            for rule_id, v in row.verdicts.items():
                cell = verdicts.setdefault(
                    rule_id, {"status": v.status.value, "fix_url": v.fix_url, "texts": {}}
                )
                cell["texts"][code] = str(v.explanation)
                if code == settings.LANGUAGE_CODE:
                    cell["status"], cell["fix_url"] = v.status.value, v.fix_url
    return out


def _store(
    networks: list[Any], year: int, as_of: datetime.date, computed_at: datetime.datetime
) -> int:
    """Evaluate `networks` for `year` and write their rows (upsert, in a stable order so that
    two writers never deadlock); rows of rules no longer registered go. Returns rows written."""
    cells = _texts(networks, as_of)
    rows = [
        StoredVerdict(
            network_id=network_id,
            rule_id=rule_id,
            year=year,
            status=cell["status"],
            explanation=cell["texts"],
            fix_url=cell["fix_url"][:300],
            as_of=as_of,
            computed_at=computed_at,
        )
        for network_id, verdicts in sorted(cells.items())
        for rule_id, cell in sorted(verdicts.items())
    ]
    rule_ids = {r.id for r in registered_rules()}
    StoredVerdict.objects.filter(network_id__in=list(cells), year=year).exclude(
        rule_id__in=rule_ids
    ).delete()
    for start in range(0, len(rows), UPSERT_BATCH):
        StoredVerdict.objects.bulk_create(
            rows[start : start + UPSERT_BATCH],
            update_conflicts=True,
            unique_fields=["network", "year", "rule_id"],
            update_fields=["status", "explanation", "fix_url", "as_of", "computed_at"],
        )
    return len(rows)


def refresh_networks(
    network_ids: Iterable[int],
    *,
    today: datetime.date | None = None,
    years: Iterable[int] | None = None,
) -> int:
    """Evaluate these networks for every stored year (or those given) and store their rows,
    in one transaction; returns the number of networks evaluated. Marks are the caller's."""
    today = today or timezone.localdate()
    computed_at = timezone.now()  # before reading: a change committed later is newer
    networks = list(network_model().objects.filter(pk__in=list(network_ids)).select_related("area"))
    if not networks:
        return 0
    with transaction.atomic():
        for year in years if years is not None else stored_years(today):
            _store(networks, year, as_of_for_year(year, today), computed_at)
        _raise_version()
    return len(networks)


def refresh_marked(
    network_ids: Sequence[int] = (), *, everything: bool = False, today: datetime.date | None = None
) -> int:
    """The task after a write: re-evaluate the marked networks among `network_ids` (and marks
    left behind by a lost task) and clear their marks; a mark that a later task already
    cleared means nothing to do (coalescing). A cooperation-wide mark refreshes every network
    in batches. Returns the number of networks evaluated."""
    seen = marks_seen()
    evaluated = 0
    if None in seen:
        run = refresh_all(today=today, kind=VerdictRun.Kind.COOPERATION, since=seen[None])
        evaluated += run.networks
        clear_marks({None: seen[None]})
        seen = {k: v for k, v in marks_seen().items() if k is not None}
    orphaned_before = dead_before()
    wanted = set(network_ids)
    todo = {k: v for k, v in seen.items() if k is not None and (k in wanted or v < orphaned_before)}
    if todo:
        evaluated += refresh_networks(sorted(todo), today=today)
        clear_marks(dict(todo))  # type: ignore[arg-type]
    return evaluated


def _peak_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux


def dead_before() -> datetime.datetime:
    """A run whose last batch is older than this is taken to have lost its worker."""
    return timezone.now() - datetime.timedelta(minutes=settings.COMPLIANCE_RUN_STALE_MINUTES)


def killed_runs() -> QuerySet[VerdictRun]:
    """The refreshes left unfinished by a worker that stopped (nothing moved for a while)."""
    return VerdictRun.objects.filter(finished_at=None, updated_at__lt=dead_before())


def killed_run_exists() -> bool:
    return killed_runs().exists()


def _run_to_resume(since: datetime.datetime | None) -> VerdictRun | None:
    """An unfinished run that nobody is moving any more (its worker was killed), and that
    started after `since`; one that started before is superseded."""
    for run in killed_runs():
        if since is None or run.started_at >= since:
            return run
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
    return None


def refresh_all(
    *,
    today: datetime.date | None = None,
    batch_size: int | None = None,
    kind: str = VerdictRun.Kind.REFRESH,
    since: datetime.datetime | None = None,
    resume: bool = True,
) -> VerdictRun:
    """Re-evaluate every network in batches of `batch_size` (bounded memory: each batch's
    snapshots are dropped before the next), each batch in its own transaction that also
    clears the marks it has answered. A run killed midway keeps its place (the last network
    done); the next refresh resumes it instead of starting over."""
    today = today or timezone.localdate()
    size = batch_size or settings.COMPLIANCE_REFRESH_BATCH
    now = timezone.now()
    run = _run_to_resume(since) if resume else None
    if run is None:
        run = VerdictRun.objects.create(kind=kind, started_at=now, updated_at=now)
    Network = network_model()
    while True:
        batch = list(
            Network.objects.filter(pk__gt=run.last_network_id)
            .select_related("area")
            .order_by("pk")[:size]
        )
        if not batch:
            break
        ids = {n.pk for n in batch}
        seen: Seen = {k: v for k, v in marks_seen().items() if k in ids}
        computed_at = timezone.now()
        with transaction.atomic():
            for year in stored_years(today):
                _store(batch, year, as_of_for_year(year, today), computed_at)
            clear_marks(seen)
            run.last_network_id = batch[-1].pk
            run.networks += len(batch)
            run.updated_at = timezone.now()
            run.peak_rss_kb = max(run.peak_rss_kb, _peak_rss_kb())
            run.save(update_fields=["last_network_id", "networks", "updated_at", "peak_rss_kb"])
            _raise_version()
        del batch
    # Networks changed behind the cursor while the run went on (or while it lay killed):
    # their own task may have been lost with the worker.
    after = marks_seen()
    everyone = after.pop(None, None)
    if everyone and everyone <= run.started_at:  # every network was evaluated since
        clear_marks({None: everyone})
    if after:
        run.networks += refresh_networks(sorted(k for k in after if k is not None), today=today)
        clear_marks(after)
    years = stored_years(today)
    with transaction.atomic():
        StoredVerdict.objects.filter(Q(year__lt=years.start) | Q(year__gte=years.stop)).delete()
        _raise_version()
    run.finished_at = timezone.now()
    run.peak_rss_kb = max(run.peak_rss_kb, _peak_rss_kb())
    run.save(update_fields=["finished_at", "peak_rss_kb"])
    return run


# ---- reading ---------------------------------------------------------------------------------


def _stale(year: int) -> Any:
    """Networks (OuterRef pk) whose rows for `year` are missing or older than a mark."""
    rows = StoredVerdict.objects.filter(network=OuterRef("pk"), year=year)
    oldest = Subquery(
        StoredVerdict.objects.filter(network=OuterRef(OuterRef("pk")), year=year)
        .values("network")
        .annotate(oldest=Min("computed_at"))
        .values("oldest")[:1]
    )
    own_mark = VerdictMark.objects.filter(network_id=OuterRef("pk"), marked_at__gt=oldest)
    # The cooperation-wide mark (rare): an EXISTS on an empty set otherwise.
    everyone = VerdictMark.objects.filter(network_id=None, marked_at__gt=oldest)
    return ~Exists(rows) | Exists(own_mark) | Exists(everyone)


def unstored_ids(networks: QuerySet[Any], year: int, *, limit: int | None = None) -> list[int]:
    """The ids of the networks among `networks` with no stored rows for `year` (at most
    `limit` + 1): one NOT EXISTS over the index (year, network). What it says changes only
    with a write of stored rows (their version) or of the networks themselves, so a reader
    may keep it under those (dashboard.selectors.kept)."""
    rows = StoredVerdict.objects.filter(network=OuterRef("pk"), year=year)
    without = networks.filter(~Exists(rows)).order_by("pk").values_list("pk", flat=True)
    return list(without if limit is None else without[: limit + 1])


def stale_ids(
    networks: QuerySet[Any],
    year: int,
    *,
    limit: int | None = None,
    unstored: list[int] | None = None,
) -> list[int]:
    """The ids of the networks among `networks` whose rows for `year` are stale (at most
    `limit` + 1 of them when a limit is given).

    The marks are few (a mark lives from a write until its task has run), so they are read
    first (one query) and only the marked networks' oldest rows are compared with them (one
    more, when there are marks); the networks without rows are one NOT EXISTS over the index
    (year, network). As one query, with the marks' subqueries correlated to every network,
    SQLite took 39 ms for 1,900 networks where these take 2 (issue 17). A cooperation-wide
    mark (rare) is the one query of `_stale`."""
    marks = dict(VerdictMark.objects.values_list("network_id", "marked_at"))
    if None in marks:
        qs = networks.filter(_stale(year)).order_by("pk").values_list("pk", flat=True)
        return list(qs if limit is None else qs[: limit + 1])
    if unstored is None:
        unstored = unstored_ids(networks, year, limit=limit)
    stale = set(unstored)
    if marks:
        for network_id, oldest in (
            StoredVerdict.objects.filter(
                year=year, network__in=networks.filter(pk__in=list(marks)).values("pk")
            )
            .values("network_id")
            .annotate(oldest=Min("computed_at"))
            .order_by()
            .values_list("network_id", "oldest")
        ):
            if marks[network_id] > oldest:
                stale.add(network_id)
    found = sorted(stale)
    return found if limit is None else found[: limit + 1]


def stale_count(networks: QuerySet[Any], year: int, *, unstored: list[int] | None = None) -> int:
    """How many of `networks` have stale rows for `year`: the marked few from the marks
    (two queries), many (a cooperation-wide change) by one count. `unstored`: what
    unstored_ids(networks, year, limit=COMPLIANCE_INLINE_MAX) said, when kept."""
    limit = settings.COMPLIANCE_INLINE_MAX
    ids = stale_ids(networks, year, limit=limit, unstored=unstored)
    return len(ids) if len(ids) <= limit else networks.filter(_stale(year)).count()


def refresh_stale(
    networks: QuerySet[Any],
    year: int,
    *,
    today: datetime.date | None = None,
    limit: int | None = None,
) -> int:
    """Evaluate and store inline the networks of `networks` whose rows for `year` are stale,
    when there are at most `limit` (settings.COMPLIANCE_INLINE_MAX; None in the call means
    the setting, -1 means no limit); returns how many stay stale (0: every row current)."""
    if limit is None:
        limit = settings.COMPLIANCE_INLINE_MAX
    ids = stale_ids(networks, year, limit=None if limit < 0 else limit)
    if not ids:
        return 0
    if limit >= 0 and len(ids) > limit:
        return networks.filter(_stale(year)).count()
    refresh_networks(ids, today=today, years=[year])
    return 0


def make_current(
    ids: Collection[int], year: int, *, today: datetime.date | None = None, inline: bool = True
) -> set[int]:
    """Evaluate and store inline the stale among these networks (a page's) when there are at
    most COMPLIANCE_INLINE_MAX of them; returns the ids left stale (none when inline)."""
    subset = network_model().objects.filter(pk__in=list(ids))
    stale = set(stale_ids(subset, year, limit=settings.COMPLIANCE_INLINE_MAX))
    if stale and inline and len(stale) <= settings.COMPLIANCE_INLINE_MAX:
        refresh_networks(stale, today=today, years=[year])
        return set()
    if len(stale) > settings.COMPLIANCE_INLINE_MAX:
        return set(stale_ids(subset, year))
    return stale


def stored_verdicts(
    networks: Iterable[Any],
    year: int,
    *,
    today: datetime.date | None = None,
    inline: bool = True,
    stale: set[int] | None = None,
) -> list[StoredVerdicts]:
    """Each network's stored verdicts for `year`, in the order given (give a page, not every
    network): a constant number of queries. Stale networks are evaluated inline and stored
    when there are at most COMPLIANCE_INLINE_MAX of them, else flagged `updating`
    (make_current; pass `stale` when it has been called already)."""
    networks = list(networks)
    ids = [n.pk for n in networks]
    if not ids:
        return []
    if stale is None:
        stale = make_current(ids, year, today=today, inline=inline)
    order = {r.id: i for i, r in enumerate(registered_rules())}
    out = {n.pk: StoredVerdicts(network=n, verdicts={}, updating=n.pk in stale) for n in networks}
    # Tuples, not model instances, and only the active language's text (a page of 50
    # networks is some 1,500 rows).
    language = translation.get_language() or settings.LANGUAGE_CODE
    rows = (
        StoredVerdict.objects.filter(network_id__in=ids, year=year)
        .annotate(
            shown=Coalesce(
                KT(f"explanation__{language}"), KT(f"explanation__{settings.LANGUAGE_CODE}")
            )
        )
        .values_list("network_id", "rule_id", "status", "shown", "fix_url", "computed_at", "as_of")
    )
    for network_id, rule_id, status, text, fix_url, computed, as_of in sorted(
        rows, key=lambda r: order.get(r[1], len(order))
    ):
        if rule_id not in order:
            continue
        item = out[network_id]
        item.verdicts[rule_id] = Verdict(rule_id, Status(status), text or "", fix_url)
        item.statuses.add(status)
        if item.computed_at is None or computed < item.computed_at:
            item.computed_at = computed
        item.as_of = as_of
    return list(out.values())


def verdict_counts(networks: QuerySet[Any], year: int) -> dict[str, dict[str, int]]:
    """{rule_id: {status: networks}} over the stored rows, one GROUP BY query; the shape of
    selectors.summary()."""
    return verdict_summary(networks, year)[0]


def verdict_summary(
    networks: QuerySet[Any], year: int
) -> tuple[dict[str, dict[str, int]], datetime.datetime | None]:
    """The counts of verdict_counts() and the oldest computation among the rows counted
    (every verdict shown was computed then or later: "Beräknat …"), in one GROUP BY query
    that reads only the index stored_verdict_counts (issue 17: 19 ms for 46,000 rows on
    SQLite, against 80 ms for the counts and 12 ms for the oldest, apart, reading the table)."""
    out = {r.id: {s.value: 0 for s in Status} for r in registered_rules()}
    oldest: datetime.datetime | None = None
    for rule_id, status, n, first in (
        StoredVerdict.objects.filter(year=year, network__in=networks.values("pk"))
        .values("rule_id", "status")
        .annotate(n=Count("pk"), first=Min("computed_at"))
        .order_by()
        .values_list("rule_id", "status", "n", "first")
    ):
        if rule_id in out:
            out[rule_id][status] = n
        if first is not None and (oldest is None or first < oldest):
            oldest = first
    return out, oldest


def networks_with_status(
    networks: QuerySet[Any], year: int, statuses: Iterable[str]
) -> QuerySet[Any]:
    """The networks with at least one stored verdict of these statuses for `year` (lazy)."""
    return networks.filter(
        Exists(
            StoredVerdict.objects.filter(
                network=OuterRef("pk"), year=year, status__in=list(statuses)
            )
        )
    )


def networks_with_rule(
    networks: QuerySet[Any], year: int, rule_id: str, statuses: Iterable[str] = ()
) -> QuerySet[Any]:
    """The networks whose stored verdict of `rule_id` for `year` has one of these statuses,
    or, with none given, applies to them (anything but "not applicable"); lazy, an EXISTS."""
    rows = StoredVerdict.objects.filter(network=OuterRef("pk"), year=year, rule_id=rule_id)
    statuses = list(statuses)
    if statuses:
        rows = rows.filter(status__in=statuses)
    else:
        rows = rows.exclude(status=Status.NOT_APPLICABLE)
    return networks.filter(Exists(rows))


def _status_count(year: int, status: str) -> Any:
    return Coalesce(
        Subquery(
            StoredVerdict.objects.filter(network=OuterRef("pk"), year=year, status=status)
            .values("network")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        ),
        0,
    )


def worst_first(networks: QuerySet[Any], year: int) -> QuerySet[Any]:
    """The networks ordered by their stored verdicts for `year`: most "missing" first, then
    most warnings, then by name (two correlated counts on the (year, network) index)."""
    return networks.annotate(
        n_missing=_status_count(year, Status.MISSING), n_warning=_status_count(year, Status.WARNING)
    ).order_by("-n_missing", "-n_warning", "name", "pk")


def rows_of(
    networks: QuerySet[Any], year: int, rule_ids: Iterable[str] | None, statuses: Iterable[str]
) -> QuerySet[StoredVerdict]:
    """The stored rows of these networks for `year` with these statuses (of these rules, or of
    any), in the order of the networks' names and the rules' ids: slice it for one page."""
    rows = StoredVerdict.objects.filter(
        year=year, status__in=list(statuses), network__in=networks.values("pk")
    )
    if rule_ids is not None:
        rows = rows.filter(rule_id__in=list(rule_ids))
    return rows.select_related("network").order_by("network__name", "network_id", "rule_id")
