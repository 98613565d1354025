"""Two people saving a network's year plan, or asking for the same municipality, at the same
moment (issue 18 §2): one save wins, the other ends in the conflict message, never a 500 or a
half-write. Each case runs on SQLite (IMMEDIATE transactions) and PostgreSQL alike."""

import pytest
from django.test import Client

from samverkan.core.errors import ConflictError
from samverkan.networks.lifecycle.services import request_join
from samverkan.networks.models import Network, ParticipationRequest, YearPlan
from samverkan.networks.services import save_year_plan
from tests.cast import Cast, build_cast
from tests.concurrency import RacingDatabase, errors_of, racing_database
from tests.conftest import second_factor_shown

# Races per case: each is a fresh pair of saves; a lost race shows within a few.
ROUNDS = 3
PLAN_CONFLICT = "Någon annan har sparat årsplanen medan du redigerade den."


@pytest.fixture
def racing(transactional_db, tmp_path):
    with racing_database(tmp_path) as database:
        yield database


@pytest.fixture
def team(racing: RacingDatabase) -> Cast:
    return build_cast()


def _plan(team: Cast, who: str, year: int, expected_version: int, text: str):
    return lambda: save_year_plan(
        team.user(who),
        team.network,
        year=year,
        purpose=f"Syfte från {text}",
        goals="Mål",
        meeting_organisation="Fyra möten",
        contribution="Bidrag",
        expected_version=expected_version,
    )


def _creating_the_same_years_plan_at_once_ends_in_the_version_conflict(racing, team):
    """PostgreSQL: both find no plan and insert; year_plan_one_per_year refuses the later.
    SQLite: the later waits at BEGIN IMMEDIATE and then finds the plan of version 1."""
    undo = racing.meet_before(YearPlan.objects, "create")
    try:
        for year in range(2030, 2030 + ROUNDS):
            outcomes = racing.race(
                _plan(team, "coordinator", year, 0, "samordnaren"),
                _plan(team, "secretariat", year, 0, "sekretariatet"),
            )
            errors = errors_of(outcomes)
            assert len(errors) == 1, errors
            assert isinstance(errors[0], ConflictError), repr(errors[0])
            assert PLAN_CONFLICT in errors[0].message
            winner = next(o.result for o in outcomes if o.ok)
            plan = YearPlan.objects.get(network=team.network, year=year)
            assert (plan.pk, plan.purpose, plan.version) == (winner.pk, winner.purpose, 1)
    finally:
        undo()


def _editing_the_same_plan_at_once_saves_one_and_refuses_the_other(racing, team):
    plan = save_year_plan(
        team.user("coordinator"),
        team.network,
        year=2031,
        purpose="Första",
        goals="Mål",
        meeting_organisation="Möten",
        contribution="Bidrag",
    )
    for n in range(ROUNDS):
        version = YearPlan.objects.get(pk=plan.pk).version
        outcomes = racing.race(
            _plan(team, "coordinator", 2031, version, f"samordnaren {n}"),
            _plan(team, "secretariat", 2031, version, f"sekretariatet {n}"),
        )
        errors = errors_of(outcomes)
        assert len(errors) == 1 and isinstance(errors[0], ConflictError), errors
        assert PLAN_CONFLICT in errors[0].message
        stored = YearPlan.objects.get(pk=plan.pk)
        assert stored.version == version + 1
        assert stored.purpose == next(o.result for o in outcomes if o.ok).purpose


def _posting_the_plan_form_at_once_shows_the_conflict_not_a_500(racing, team):
    """The same race through the page, as two browsers send it."""
    clients = []
    for who in ("coordinator", "secretariat"):
        client = Client(raise_request_exception=False)
        client.force_login(team.user(who))
        second_factor_shown(client, team.user(who))
        clients.append(client)
    url = f"/natverk/{team.network.slug}/arsplan/2035/"
    form = {
        "purpose": "Syfte",
        "goals": "Mål",
        "meeting_organisation": "Möten",
        "contribution": "Bidrag",
        "version": "0",
    }
    undo = racing.meet_before(YearPlan.objects, "create")
    try:
        responses = racing.race(*[lambda c=c: c.post(url, form) for c in clients])
    finally:
        undo()
    statuses = sorted(o.result.status_code for o in responses)
    assert statuses == [200, 302], statuses
    refused = next(o.result for o in responses if o.result.status_code == 200)
    assert PLAN_CONFLICT in refused.content.decode()
    assert YearPlan.objects.filter(network=team.network, year=2035).count() == 1


def test_two_requests_to_join_for_one_municipality_end_in_one_and_a_conflict(racing, team):
    """participation_request_one_pending: the check for a pending request runs before the
    transaction, so on both databases the later insert meets the constraint (P1)."""
    Network.objects.filter(pk=team.other_network.pk).update(status=Network.Status.ACTIVE)
    network = Network.objects.get(pk=team.other_network.pk)
    municipality = team.muni("Bjuv")
    undo = racing.meet_before(ParticipationRequest.objects, "create")
    try:
        outcomes = racing.race(
            *[
                lambda: request_join(team.user("secretariat"), network, municipality=municipality)
                for _ in range(2)
            ]
        )
    finally:
        undo()
    errors = errors_of(outcomes)
    assert len(errors) == 1 and isinstance(errors[0], ConflictError), errors
    assert (
        ParticipationRequest.objects.filter(network=network, municipality=municipality).count() == 1
    )


def test_concurrent_year_plan_saves_end_in_one_save_and_the_version_conflict(racing, team):
    """Creating, editing and posting the form at once (one test: each transactional test
    costs a flush of every table, seconds on PostgreSQL)."""
    _creating_the_same_years_plan_at_once_ends_in_the_version_conflict(racing, team)
    _editing_the_same_plan_at_once_saves_one_and_refuses_the_other(racing, team)
    _posting_the_plan_form_at_once_shows_the_conflict_not_a_500(racing, team)
