"""C1 measures activity honestly (issue 16, point 7): a meeting held, minutes approved, a matter
raised or moved on; not a year-plan edit, a meeting only planned, or a data load."""

import datetime

from django.utils import timezone

from samverkan.agreements import matters
from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.history.context import acting
from samverkan.meetings import services as meetings
from samverkan.networks.lifecycle.activity import (
    inactive_networks,
    inactive_queryset,
    last_activity,
)
from samverkan.networks.models import Network, YearPlan
from samverkan.networks.services import save_year_plan
from tests.helpers import assert_same_queries, queries_of

# The cast's networks started 2020-01-01 and have done nothing since.
START = datetime.date(2020, 1, 1)


def _inactive(today):
    return {n.slug for n, _last in inactive_networks(today)}


def _meeting(cast, *, days_ago, cancel=False):
    start = timezone.now() - datetime.timedelta(days=days_ago)
    meeting = meetings.schedule_meeting(
        cast.user("secretary"),
        cast.network,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    if cancel:
        meetings.cancel_meeting(cast.user("secretary"), meeting, reason="Sjukdom")
    return meeting


def test_a_year_plan_edit_is_not_activity_C1(cast):
    today = timezone.localdate()
    save_year_plan(
        cast.user("coordinator"),
        cast.network,
        year=today.year,
        purpose="S",
        goals="M",
        meeting_organisation="O",
        contribution="B",
    )
    assert YearPlan.objects.filter(network=cast.network).exists()
    assert last_activity([cast.network.pk], today)[cast.network.pk] == START
    assert cast.network.slug in _inactive(today)


def test_a_planned_or_cancelled_meeting_is_not_activity_but_a_held_one_is_C1(cast):
    today = timezone.localdate()
    _meeting(cast, days_ago=-10)  # planned, next week
    _meeting(cast, days_ago=20, cancel=True)  # cancelled
    assert cast.network.slug in _inactive(today)
    held = _meeting(cast, days_ago=30)
    assert last_activity([cast.network.pk], today)[cast.network.pk] == held.local_start.date()
    assert cast.network.slug not in _inactive(today)
    assert cast.other_network.slug in _inactive(today)


def test_minutes_approved_are_activity_on_the_day_of_approval_C1(cast):
    # A meeting held long ago (more than a year): no longer activity by itself.
    meeting = _meeting(cast, days_ago=500)
    today = timezone.localdate()
    assert cast.network.slug in _inactive(today)
    meetings.save_minutes(cast.user("secretary"), meeting, text="Vi beslutade.")
    assert cast.network.slug in _inactive(today)  # a draft is not activity
    meetings.approve_minutes(cast.user("coordinator"), meeting)
    assert last_activity([cast.network.pk], today)[cast.network.pk] == today
    assert cast.network.slug not in _inactive(today)


def test_a_matter_raised_or_moved_on_is_activity_C1(cast):
    today = timezone.localdate()
    matter = matters.record_matter(
        cast.user("coordinator"),
        cast.network,
        title="Gemensam upphandling",
        concerned=[cast.muni("Klippan"), cast.muni("Bjuv")],
        raised_on=today - datetime.timedelta(days=400),
    )
    assert cast.network.slug in _inactive(today)  # raised more than a year ago
    matters.advance_matter(cast.user("coordinator"), matter, status="in_preparation", today=today)
    assert last_activity([cast.network.pk], today)[cast.network.pk] == today
    assert cast.network.slug not in _inactive(today)


def test_a_data_load_is_not_activity_C1(cast):
    """Rows written today by a load (here: the history of an import and old meetings) count
    from the days they tell of, not from the day they were written."""
    today = timezone.localdate()
    with acting(cast.user("secretariat"), "import_register", keeps_verb=True):
        _meeting(cast, days_ago=800)
        save_year_plan(
            cast.user("secretariat"),
            cast.network,
            year=today.year,
            purpose="Inläst",
            goals="Inläst",
            meeting_organisation="Inläst",
            contribution="Inläst",
        )
    assert cast.network.slug in _inactive(today)


def test_the_rule_the_reminder_and_the_dashboard_list_agree_C1(cast):
    today = timezone.localdate()
    _meeting(cast, days_ago=30)
    expected = _inactive(today)
    assert set(inactive_queryset(today).values_list("slug", flat=True)) == expected
    verdicts = {
        row.network.slug: row.verdicts["C1"].status
        for row in evaluate(Network.objects.filter(status="active"), today)
    }
    assert {slug for slug, status in verdicts.items() if status == Status.WARNING} == expected
    assert (
        "möte"
        in evaluate(Network.objects.filter(pk=cast.other_network.pk), today)[0]
        .verdicts["C1"]
        .explanation
    )


def test_last_activity_costs_the_same_queries_for_one_network_and_for_all_C1(cast):
    today = timezone.localdate()
    _meeting(cast, days_ago=30)
    every_id = list(Network.objects.values_list("pk", flat=True))
    one = queries_of(lambda: last_activity([cast.network.pk], today))
    every = queries_of(lambda: last_activity(every_id, today))
    assert_same_queries(one, every)


def test_an_inactivity_notice_resolves_when_the_network_is_active_again_C1(
    cast, client_for, settings
):
    from django.urls import reverse

    from samverkan.networks.lifecycle import services as lifecycle
    from samverkan.notifications.models import Notification
    from samverkan.notifications.reminders import run_daily

    settings.NOTIFICATIONS_DIGEST_HOUR = 24  # the secretariat's digest is not composed today
    today = timezone.localdate()
    run_daily(today)
    flagged = Notification.objects.filter(kind="network_inactive")
    assert set(flagged.values_list("network__slug", flat=True)) == {
        cast.network.slug,
        cast.other_network.slug,
    }
    assert not flagged.filter(resolved_at__isnull=False).exists()
    _meeting(cast, days_ago=2)  # the network meets again
    run_daily(today)
    mine = flagged.get(network=cast.network)
    assert mine.resolved_at is not None and mine.read_at is not None
    # Not e-mailed any more: it no longer waits for the secretariat's digest.
    assert mine.email_status == Notification.EmailStatus.SKIPPED
    assert flagged.get(network=cast.other_network).resolved_at is None
    html = client_for("secretariat").get(reverse("notifications:inbox")).content.decode()
    assert "Löst " in html
    assert "det notisen gällde är inte längre aktuellt" in (
        client_for("secretariat").get(mine.get_absolute_url()).content.decode()
    )
    # A closed network's notice resolves too; a resolved notice stays as it was.
    lifecycle.close_network(cast.user("secretariat"), cast.other_network, reason="Slut")
    run_daily(today)
    assert not flagged.filter(resolved_at__isnull=True).exists()
    assert flagged.get(network=cast.network).resolved_at == mine.resolved_at
