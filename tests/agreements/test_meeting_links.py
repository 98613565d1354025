"""Versions and reviews refer to their meeting by foreign key (issue 11, item 6).

The migration that turned the plain integers into foreign keys keeps every row: a link to a
meeting that exists stays, one to a meeting that no longer exists becomes NULL."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max

from samverkan.agreements import services
from samverkan.agreements.models import AgreementReview, AgreementVersion
from samverkan.meetings.models import Meeting
from tests.agreements.test_agreements import _meeting

BEFORE = ("agreements", "0001_initial")


def _leaves() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader sees what is applied now


@pytest.mark.django_db(transaction=True)
def test_migration_keeps_rows_and_unlinks_only_missing_meetings(cast):
    meeting = _meeting(cast.network, datetime.date(2025, 12, 9))
    missing = (Meeting.objects.aggregate(n=Max("pk"))["n"] or 0) + 1000
    latest = _leaves()
    before = [n for n in latest if n[0] != "agreements"] + [BEFORE]
    try:
        executor = _migrate(before)
        old = executor.loader.project_state(before).apps
        agreement = old.get_model("agreements", "Agreement").objects.create(
            network_id=cast.network.pk, title="Överenskommelse"
        )
        version = old.get_model("agreements", "AgreementVersion")
        linked = version.objects.create(
            agreement=agreement,
            number=1,
            text="Antagen vid ett möte som finns",
            adopted_on=datetime.date(2025, 12, 9),
            adopted_at_meeting_id=meeting.pk,
        )
        dangling = version.objects.create(
            agreement=agreement,
            number=2,
            text="Antagen vid ett möte som är borttaget",
            adopted_on=datetime.date(2026, 12, 8),
            adopted_at_meeting_id=missing,
        )
        review = old.get_model("agreements", "AgreementReview")
        reviewed = review.objects.create(
            network_id=cast.network.pk,
            year=2025,
            outcome="evaluated",
            held_on=datetime.date(2025, 12, 9),
            meeting_id=meeting.pk,
            note="Vid mötet",
        )
        lost = review.objects.create(
            network_id=cast.network.pk,
            year=2026,
            outcome="revised",
            held_on=datetime.date(2026, 12, 8),
            meeting_id=missing,
            version=dangling,
            note="Mötet är borttaget",
        )
    finally:
        _migrate(latest)

    assert AgreementVersion.objects.count() == 2
    kept = AgreementVersion.objects.get(pk=linked.pk)
    assert kept.adopted_at_meeting == meeting
    assert kept.text == "Antagen vid ett möte som finns"
    unlinked = AgreementVersion.objects.get(pk=dangling.pk)
    assert unlinked.adopted_at_meeting_id is None
    assert (unlinked.number, unlinked.adopted_on) == (2, datetime.date(2026, 12, 8))

    assert AgreementReview.objects.count() == 2
    assert AgreementReview.objects.get(pk=reviewed.pk).meeting == meeting
    row = AgreementReview.objects.get(pk=lost.pk)
    assert row.meeting_id is None
    assert (row.outcome, row.version_id, row.note) == ("revised", dangling.pk, "Mötet är borttaget")


def test_a_deleted_meeting_leaves_version_and_review_unlinked(cast):
    meeting = _meeting(cast.network, datetime.date(2025, 12, 9))
    coordinator = cast.user("coordinator")
    version = services.adopt_agreement_version(
        coordinator,
        cast.network,
        text="Text",
        parameters={},
        adopted_on=datetime.date(2025, 12, 9),
        meeting_id=meeting.pk,
    )
    review = services.record_review(
        coordinator,
        cast.network,
        year=2025,
        outcome="evaluated",
        held_on=datetime.date(2025, 12, 9),
        meeting_id=meeting.pk,
    )
    assert version.adopted_at_meeting == meeting and review.meeting == meeting
    meeting.delete()
    version.refresh_from_db()
    review.refresh_from_db()
    assert version.adopted_at_meeting_id is None
    assert review.meeting_id is None


def test_the_link_is_a_foreign_key_to_the_meeting():
    for model, name in ((AgreementVersion, "adopted_at_meeting"), (AgreementReview, "meeting")):
        field = model._meta.get_field(name)
        assert field.related_model is Meeting
        assert field.column == f"{name}_id"  # the column of the former integer field
        assert field.null
