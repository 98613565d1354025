"""Stored verdicts (issue 17, part A): marked in the write's own transaction, one refresh task
per committed transaction, readers never stale, the refresh of every network resumable."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from samverkan.compliance import marks, stored, tasks
from samverkan.compliance.models import StoredVerdict, VerdictMark, VerdictRun
from samverkan.compliance.registry import Status, as_of_for_year
from samverkan.compliance.selectors import evaluate
from samverkan.networks import services
from samverkan.networks.models import Membership, Network
from tests.helpers import assert_queries, assert_same_queries, capture_queries, queries_of, today

TASK = "samverkan.compliance.tasks.refresh_marked"


def fresh(networks, year: int) -> dict[tuple[str, str, str], tuple[str, str, str]]:
    """(network, language, rule) → (status, explanation, fix) computed now, every language."""
    out = {}
    for code in ("sv", "en"):
        with translation.override(code):
            for row in evaluate(list(networks), as_of_for_year(year, today())):
                for rule_id, v in row.verdicts.items():
                    out[(row.network.slug, code, rule_id)] = (
                        v.status.value,
                        str(v.explanation),
                        v.fix_url,
                    )
    return out


def kept(networks, year: int) -> dict[tuple[str, str, str], tuple[str, str, str]]:
    out = {}
    for code in ("sv", "en"):
        with translation.override(code):
            for row in stored.stored_verdicts(list(networks), year, inline=False):
                assert not row.updating, row.network.slug
                for rule_id, v in row.verdicts.items():
                    out[(row.network.slug, code, rule_id)] = (
                        v.status.value,
                        v.explanation,
                        v.fix_url,
                    )
    return out


def assert_stored_equals_fresh(networks) -> None:
    for year in stored.stored_years(today()):
        assert kept(networks, year) == fresh(networks, year), year


def forget_marks() -> None:
    """As the task does: the marks cleared, and this transaction's record of them."""
    marks.clear_marks(marks.marks_seen())


def tasks_enqueued() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=TASK).order_by("enqueued_at"))


def coordinator_of(network: Network) -> Membership:
    return Membership.objects.get(network=network, role=Membership.Role.COORDINATOR)


# ---- marks and the task -------------------------------------------------------------------


def test_a_write_marks_its_network_once_and_enqueues_one_task(
    cast, django_capture_on_commit_callbacks
):
    stored.refresh_all()
    forget_marks()
    DBTaskResult.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True), capture_queries() as queries:
        # ending a membership writes several history entries of the same network
        services.end_membership(
            cast.user("secretariat"), coordinator_of(cast.network), end_on=today()
        )
    upserts = [q for q in queries.sql if "compliance_verdictmark" in q]
    assert len(upserts) == 1, queries.listing()
    assert list(VerdictMark.objects.values_list("network_id", flat=True)) == [cast.network.pk]

    (task,) = tasks_enqueued()
    assert task.args_kwargs["args"] == [[cast.network.pk], False]


def test_the_task_evaluates_each_touched_network_once_per_year_and_language(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    stored.refresh_all()
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.end_membership(
            cast.user("secretariat"), coordinator_of(cast.network), end_on=today()
        )
    (task,) = tasks_enqueued()

    calls: list[list[int]] = []
    real = stored.evaluate_in

    def counting(networks, as_of, languages, **kwargs):
        calls.append([n.pk for n in networks])
        return real(networks, as_of, languages, **kwargs)

    monkeypatch.setattr(stored, "evaluate_in", counting)
    assert tasks.refresh_marked.call(*task.args_kwargs["args"]) == 1
    years = len(stored.stored_years(today()))
    assert calls == [[cast.network.pk]] * years  # one snapshot per year for both languages
    assert not VerdictMark.objects.exists()

    # Coalescing: a second task for the same network finds no mark and does nothing.
    calls.clear()
    assert stored.refresh_marked([cast.network.pk]) == 0
    assert calls == []


def test_one_task_per_transaction_however_many_networks(cast, django_capture_on_commit_callbacks):
    forget_marks()
    DBTaskResult.objects.all().delete()
    secretariat = cast.user("secretariat")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        services.end_membership(secretariat, coordinator_of(cast.network), end_on=today())
        services.end_membership(secretariat, coordinator_of(cast.other_network), end_on=today())
    (task,) = tasks_enqueued()
    assert task.args_kwargs["args"] == [sorted([cast.network.pk, cast.other_network.pk]), False]


def test_a_savepoint_rolled_back_takes_its_mark_with_it_and_the_next_write_marks_again(cast):
    stored.refresh_all()
    forget_marks()
    secretariat = cast.user("secretariat")
    with transaction.atomic():
        try:
            with transaction.atomic():
                services.end_membership(secretariat, coordinator_of(cast.network))
                raise RuntimeError
        except RuntimeError:
            pass
        assert not VerdictMark.objects.exists()
        services.end_membership(secretariat, coordinator_of(cast.network))
        assert VerdictMark.objects.filter(network_id=cast.network.pk).exists()


def test_a_cooperation_wide_change_marks_every_network(cast):
    stored.refresh_all()
    forget_marks()
    municipality = cast.network.participations.first().municipality
    municipality.name = "Nytt namn"
    municipality.save()
    assert list(VerdictMark.objects.values_list("network_id", flat=True)) == [None]
    for network in (cast.network, cast.other_network):
        assert stored.stale_ids(Network.objects.filter(pk=network.pk), today().year)

    assert stored.refresh_marked([], everything=True) == Network.objects.count()
    assert not VerdictMark.objects.exists()
    assert stored.stale_ids(Network.objects.all(), today().year) == []


def test_a_renamed_person_marks_the_networks_they_are_in(cast):
    stored.refresh_all()
    forget_marks()
    person = coordinator_of(cast.network).person
    person.name = "Ny Samordnare"
    person.save()
    assert list(VerdictMark.objects.values_list("network_id", flat=True)) == [cast.network.pk]


def test_changes_outside_the_verdicts_mark_nothing(cast):
    stored.refresh_all()
    forget_marks()
    user = cast.user("reader")
    user.first_name = "Läsare"
    user.save()
    assert not VerdictMark.objects.exists()


# ---- readers ---------------------------------------------------------------------------------


def test_readers_are_never_stale_inside_the_writes_transaction_N4(cast):
    stored.refresh_all()
    year = today().year
    (before,) = stored.stored_verdicts([cast.network], year)
    assert before.verdicts["N4"].status == Status.OK

    yesterday = today() - datetime.timedelta(days=1)
    secretariat = cast.user("secretariat")
    services.end_membership(secretariat, coordinator_of(cast.network), end_on=yesterday)
    (after,) = stored.stored_verdicts([cast.network], year)  # no task has run
    assert after.verdicts["N4"].status == Status.MISSING
    assert not after.updating
    assert after.computed_at and before.computed_at and after.computed_at > before.computed_at


def test_too_many_stale_networks_are_shown_as_being_updated(cast, settings):
    settings.COMPLIANCE_INLINE_MAX = 1
    StoredVerdict.objects.all().delete()
    networks = Network.objects.order_by("pk")
    assert stored.refresh_stale(networks, today().year) == 2
    rows = stored.stored_verdicts(networks, today().year)
    assert [r.updating for r in rows] == [True, True]
    assert [r.verdicts for r in rows] == [{}, {}]

    assert stored.refresh_stale(networks, today().year, limit=-1) == 0
    assert [r.updating for r in stored.stored_verdicts(networks, today().year)] == [False, False]


def test_stored_verdicts_reads_a_constant_number_of_queries(cast):
    stored.refresh_all()
    one = queries_of(stored.stored_verdicts, Network.objects.filter(pk=cast.network.pk), 2026)
    both = queries_of(stored.stored_verdicts, Network.objects.all(), 2026)
    assert_same_queries(one, both)
    with capture_queries() as queries:
        stored.stored_verdicts(Network.objects.all(), 2026)
    # The networks, the marks (none), the networks without rows, the rows.
    assert_queries(queries, exactly=4)


def test_stale_are_the_networks_without_rows_or_marked_after_their_rows(cast):
    """The staleness check reads the few marks first (issue 17): a network marked after its
    rows were computed, or without rows, is stale; one marked before is not; a cooperation-
    wide mark makes every network stale."""
    stored.refresh_all()
    year = today().year
    networks = Network.objects.all()
    assert stored.stale_ids(networks, year) == []
    other = Network.objects.exclude(pk=cast.network.pk).first()
    assert other is not None
    oldest = StoredVerdict.objects.filter(network=cast.network, year=year).order_by("computed_at")[
        0
    ]
    VerdictMark.objects.create(
        network_id=cast.network.pk, marked_at=oldest.computed_at + datetime.timedelta(seconds=1)
    )
    VerdictMark.objects.create(
        network_id=other.pk, marked_at=oldest.computed_at - datetime.timedelta(days=1)
    )
    assert stored.stale_ids(networks, year) == [cast.network.pk]
    StoredVerdict.objects.filter(network=other, year=year).delete()
    assert stored.stale_ids(networks, year) == sorted([cast.network.pk, other.pk])
    assert stored.stale_ids(networks, year, limit=0) == [min(cast.network.pk, other.pk)]
    VerdictMark.objects.create(network_id=None, marked_at=timezone.now())
    assert stored.stale_ids(networks, year) == sorted(networks.values_list("pk", flat=True))


def test_counts_filters_and_computed_at_come_from_the_rows(cast):
    stored.refresh_all()
    year = today().year
    networks = Network.objects.all()
    results = evaluate(networks, as_of_for_year(year, today()))
    expected: dict[str, dict[str, int]] = {}
    for row in results:
        for rule_id, v in row.verdicts.items():
            expected.setdefault(rule_id, {s.value: 0 for s in Status})[v.status.value] += 1
    with capture_queries() as queries:
        counts, oldest = stored.verdict_summary(networks, year)
    assert_queries(queries, exactly=1)  # the counts and the oldest computation together
    assert counts == expected == stored.verdict_counts(networks, year)

    missing = {
        r.network.pk
        for r in results
        if any(v.status == Status.MISSING for v in r.verdicts.values())
    }
    found = stored.networks_with_status(networks, year, [Status.MISSING])
    assert set(found.values_list("pk", flat=True)) == missing
    first = StoredVerdict.objects.filter(year=year).order_by("computed_at").first()
    assert first is not None and oldest == first.computed_at <= timezone.now()


# ---- consistency and the refresh of every network ---------------------------------------------


def test_stored_equals_fresh_for_the_cast(cast):
    run = stored.refresh_all()
    assert run.finished_at and run.networks == 2
    assert_stored_equals_fresh(Network.objects.order_by("pk"))


def killed_nightly_refresh(cast, monkeypatch, *, extra: int, done: int) -> None:
    """`extra` more networks, no stored rows, and a nightly refresh in batches of one network
    whose worker is killed after `done` networks (the batch under way stores nothing)."""
    for i in range(extra):
        Network.objects.create(name=f"Extra {i}", slug=f"extra-{i}", area=cast.network.area)
    StoredVerdict.objects.all().delete()
    real = stored._store
    batches: list[int] = []

    def dying(networks, year, as_of, computed_at):
        if len(batches) == done * len(stored.stored_years(today())):
            raise SystemExit("worker killed")
        batches.append(networks[0].pk)
        return real(networks, year, as_of, computed_at)

    monkeypatch.setattr(stored, "_store", dying)
    with pytest.raises(SystemExit):
        stored.refresh_all(batch_size=1, kind=VerdictRun.Kind.NIGHTLY)
    monkeypatch.setattr(stored, "_store", real)


def test_a_killed_refresh_resumes_and_leaves_every_network_current(cast, monkeypatch):
    secretariat = cast.user("secretariat")
    killed_nightly_refresh(cast, monkeypatch, extra=4, done=3)  # six networks
    run = VerdictRun.objects.get()
    assert run.finished_at is None and run.networks == 3
    # The killed worker's last batch left no rows, and a change meanwhile is marked.
    services.end_membership(secretariat, coordinator_of(cast.network), end_on=today())
    VerdictRun.objects.update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    assert stored.killed_run_exists()

    again = stored.refresh_all(batch_size=1)
    # the three left, and the one changed behind the cursor
    assert again.pk == run.pk and again.finished_at and again.networks == 3 + 3 + 1
    assert not stored.killed_run_exists()
    networks = Network.objects.order_by("pk")
    for year in stored.stored_years(today()):
        assert stored.stale_ids(networks, year) == [], year
    assert_stored_equals_fresh(networks)


def test_the_sweep_resumes_a_refresh_whose_worker_was_killed_once(cast, monkeypatch):
    """Issue 17: a killed nightly refresh waits neither for a write nor for the next night:
    the sweep (every few minutes) enqueues its resumption, once however often it runs, and
    the resumed run leaves every network current; with no killed run it enqueues nothing."""
    from samverkan.notifications.tasks import sweep_notifications

    killed_nightly_refresh(cast, monkeypatch, extra=3, done=2)
    resumes = DBTaskResult.objects.filter(task_path=tasks.refresh_all_verdicts.module_path)
    sweep_notifications.call()
    assert resumes.count() == 0  # the run may still be moving: nothing yet
    VerdictRun.objects.update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    sweep_notifications.call()
    sweep_notifications.call()
    assert resumes.count() == 1
    tasks.refresh_all_verdicts.call(*resumes.get().args_kwargs["args"])
    run = VerdictRun.objects.get()
    assert run.finished_at is not None and run.networks == Network.objects.count()
    networks = Network.objects.order_by("pk")
    for year in stored.stored_years(today()):
        assert stored.stale_ids(networks, year) == [], year
    assert_stored_equals_fresh(networks)
    sweep_notifications.call()
    assert resumes.count() == 1


def test_the_nightly_refresh_is_enqueued_once_a_day(cast, django_capture_on_commit_callbacks):
    from samverkan.compliance.reminders import refresh_verdicts

    with django_capture_on_commit_callbacks(execute=True):
        refresh_verdicts(today())
    assert DBTaskResult.objects.filter(task_path__endswith="refresh_all_verdicts").count() == 1
    stored.refresh_all(kind=VerdictRun.Kind.NIGHTLY)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refresh_verdicts(today())
    assert callbacks == []


def test_rows_of_years_no_longer_kept_go(cast):
    StoredVerdict.objects.create(
        network=cast.network,
        rule_id="N1",
        year=today().year - 5,
        status="ok",
        as_of=datetime.date(today().year - 5, 12, 31),
        computed_at=timezone.now(),
    )
    stored.refresh_all()
    assert set(StoredVerdict.objects.values_list("year", flat=True)) == set(
        stored.stored_years(today())
    )


def test_marks_cleared_only_when_unchanged_since_the_task_read_them(cast):
    forget_marks()
    marks.mark_networks([cast.network.pk])
    seen = marks.marks_seen()
    VerdictMark.objects.update(marked_at=timezone.now() + datetime.timedelta(seconds=1))
    marks.clear_marks(seen)
    assert VerdictMark.objects.filter(network_id=cast.network.pk).exists()
