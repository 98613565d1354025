"""Year plans: editing, adopting (N3, S3) and the conflict between two editors."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samverkan.core.errors import ConflictError, RuleViolation
from samverkan.history.models import HistoryEntry
from samverkan.networks import services
from samverkan.networks.models import YearPlan

FIELDS = {
    "purpose": "Stärka socialtjänsten",
    "goals": "Dela kunskap",
    "meeting_organisation": "Tio möten per år",
    "contribution": "Bidrar till livskvalitet",
}


def test_coordinator_saves_then_adopts_plan_with_history_N3(cast):
    coordinator = cast.user("coordinator")
    plan = services.save_year_plan(coordinator, cast.network, year=2026, **FIELDS)
    assert plan.state == YearPlan.State.DRAFT
    plan = services.adopt_year_plan(coordinator, plan, expected_version=plan.version)
    assert plan.state == YearPlan.State.ADOPTED
    assert plan.adopted_by == cast.people["coordinator"]
    entries = HistoryEntry.objects.filter(network=cast.network, verb="adopt_year_plan")
    assert entries.count() == 1
    entry = entries.get()
    assert entry.actor == coordinator
    assert entry.changes["state"] == ["draft", "adopted"]


def test_adopting_refused_without_purpose_goals_and_meeting_organisation_N3(cast):
    coordinator = cast.user("coordinator")
    plan = services.save_year_plan(
        coordinator, cast.network, year=2026, **{**FIELDS, "goals": "", "purpose": ""}
    )
    with pytest.raises(RuleViolation) as exc:
        services.adopt_year_plan(coordinator, plan)
    assert exc.value.rule_id == "N3"
    assert "syfte" in exc.value.message and "målsättning" in exc.value.message
    plan.refresh_from_db()
    assert plan.state == YearPlan.State.DRAFT


def test_later_save_from_older_version_is_refused_not_overwritten(cast):
    coordinator = cast.user("coordinator")
    plan = services.save_year_plan(coordinator, cast.network, year=2026, **FIELDS)
    opened = plan.version
    services.save_year_plan(
        cast.user("secretariat"),
        cast.network,
        year=2026,
        **{**FIELDS, "goals": "Sekretariatets mål"},
        expected_version=opened,
    )
    with pytest.raises(ConflictError, match="Någon annan har sparat årsplanen"):
        services.save_year_plan(
            coordinator,
            cast.network,
            year=2026,
            **{**FIELDS, "goals": "Samordnarens mål"},
            expected_version=opened,
        )
    plan.refresh_from_db()
    assert plan.goals == "Sekretariatets mål"


def test_saving_unchanged_plan_writes_no_history(cast):
    coordinator = cast.user("coordinator")
    plan = services.save_year_plan(coordinator, cast.network, year=2026, **FIELDS)
    before = HistoryEntry.objects.count()
    again = services.save_year_plan(
        coordinator, cast.network, year=2026, **FIELDS, expected_version=plan.version
    )
    assert again.version == plan.version
    assert HistoryEntry.objects.count() == before


@pytest.mark.parametrize("who", ["reader", "member", "secretary", "outsider"])
def test_only_coordinator_and_secretariat_may_edit_plans(cast, who):
    with pytest.raises(PermissionDenied):
        services.save_year_plan(cast.user(who), cast.network, year=2026, **FIELDS)


def test_conflict_shown_in_swedish_on_the_page(cast, client_for):
    url = reverse("networks:plan_edit", args=[cast.network.slug, 2026])
    first, second = client_for("coordinator"), client_for("secretariat")
    form = {**FIELDS, "version": 0, "save": "1"}
    assert first.post(url, form).status_code == 302
    response = second.post(url, {**form, "goals": "Annat"})
    assert response.status_code == 200
    assert "Någon annan har sparat årsplanen" in response.content.decode()
    assert YearPlan.objects.get(network=cast.network, year=2026).goals == FIELDS["goals"]


def test_form_shows_field_errors_and_writes_nothing(cast, client_for):
    url = reverse("networks:plan_edit", args=[cast.network.slug, 2026])
    response = client_for("coordinator").post(url, {"purpose": "x" * 6000, "version": "abc"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Formuläret innehåller fel" in body
    assert not YearPlan.objects.filter(network=cast.network).exists()


def test_adopt_from_page_lists_missing_parts(cast, client_for):
    url = reverse("networks:plan_edit", args=[cast.network.slug, 2026])
    response = client_for("coordinator").post(
        url, {**FIELDS, "meeting_organisation": "", "version": 0, "adopt": "1"}
    )
    assert response.status_code == 200
    assert "mötesorganisation" in response.content.decode()
    # A refused adoption writes nothing, not even the draft (issue 16, point 1).
    assert not YearPlan.objects.filter(network=cast.network, year=2026).exists()
