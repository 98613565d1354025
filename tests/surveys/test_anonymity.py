"""SPEC §6 and issue 8 item 4: nothing in the database ties a response to a person or an
invitation; results per network only from the threshold (SURVEY_MIN_RESPONSES), once the round
is closed (issue 13)."""

import uuid
from fractions import Fraction

from django.db import connection

from samverkan.history.models import HistoryEntry
from samverkan.surveys.models import Invitation, Response
from samverkan.surveys.selectors import round_results
from tests.surveys.helpers import add_members, answer_all, close, opened_round


def test_responses_unlinkable_to_people_and_invitations_P4(cast):
    people = add_members(cast, cast.other_network, 5)
    survey = opened_round(cast)
    answer_all(survey, cast.other_network, people)
    close(cast, survey)
    assert Response.objects.count() == 5

    # The table itself: only an id, the round, the network and the answers.
    with connection.cursor() as cursor:
        columns = {
            c.name
            for c in connection.introspection.get_table_description(cursor, Response._meta.db_table)
        }
        rows = cursor.execute(f"SELECT * FROM {Response._meta.db_table}").fetchall()
    assert columns == {"id", "round_id", "network_id", "answers"}
    # The ids are random (UUID4), not a sequence that follows the invitations.
    for row in Response.objects.all():
        assert row.id.version == 4
    # Nothing stored in a response names a person, an e-mail, an invitation or its token.
    invitations = list(Invitation.objects.filter(round=survey))
    dump = repr(rows).lower()
    for inv in invitations:
        assert inv.person.name.lower() not in dump
        assert inv.person.email.lower() not in dump
        assert inv.nonce not in dump and inv.token_hash not in dump
        assert f"'{inv.pk}'" not in dump
    # Invitations do not know whether they were used (issue 13), nor an answer, nor a time.
    inv_columns = {f.column for f in Invitation._meta.concrete_fields}
    assert inv_columns == {"id", "round_id", "network_id", "person_id", "nonce", "token_hash"}
    # No foreign key from a response to anything but its round and network.
    related = {f.related_model._meta.label for f in Response._meta.concrete_fields if f.is_relation}
    assert related == {"surveys.SurveyRound", "networks.Network"}
    # The history holds no answer and no use of a link.
    assert not HistoryEntry.objects.filter(
        content_type__app_label="surveys", content_type__model__in=["response", "invitation"]
    ).exists()
    # The answers cannot be matched to the invitation order by id either.
    assert all(isinstance(r.id, uuid.UUID) for r in Response.objects.all())


def test_four_answers_fold_into_other_networks_P4(cast):
    people = add_members(cast, cast.other_network, 4)
    survey = opened_round(cast)
    answer_all(survey, cast.other_network, people, text="Hemligt")
    results = round_results(close(cast, survey))
    keys = [g.key for g in results.groups]
    assert f"network-{cast.other_network.pk}" not in keys
    assert "other" not in keys and "all" not in keys  # four in all: below the threshold too
    row = next(c for c in results.coverage if c.network == cast.other_network)
    assert (row.answered, row.shown) == (4, False)


def test_five_answers_show_the_network_P4(cast):
    people = add_members(cast, cast.other_network, 5)
    survey = opened_round(cast)
    answer_all(survey, cast.other_network, people, value=4)
    results = round_results(close(cast, survey))
    group = next(g for g in results.groups if g.network == cast.other_network)
    value = next(q for q in group.questions if q.question.key == "value")
    assert value.count == 5 and value.mean == 4
    assert dict(value.distribution)["4"] == 5
    texts = next(q for q in group.questions if q.question.key == "improve").texts
    assert texts == sorted(texts, key=str.lower) and len(texts) == 5


def test_small_networks_folded_together_with_their_free_text_P4(cast):
    a = add_members(cast, cast.network, 3)
    b = add_members(cast, cast.other_network, 4)
    survey = opened_round(cast)
    answer_all(survey, cast.network, a, value=2, text="Från A")
    answer_all(survey, cast.other_network, b, value=5, text="Från B")
    results = round_results(close(cast, survey))
    assert [g.key for g in results.groups] == ["all", "other"]
    other = results.groups[1]
    assert other.answered == 7
    texts = next(q for q in other.questions if q.question.key == "improve").texts
    assert len(texts) == 7
    mean = next(q for q in other.questions if q.question.key == "value").mean
    assert mean == Fraction(3 * 2 + 4 * 5, 7)


def test_stored_order_does_not_follow_the_order_of_answering_P4(cast, monkeypatch):
    """Even the rows' physical order (SQLite's rowid, PostgreSQL's ctid) is rewritten at random
    when the round closes and its answers are stored."""
    from samverkan.surveys import services

    # The stored order is whatever the shuffle makes of it (here: a known one).
    monkeypatch.setattr(
        services,
        "shuffle",
        lambda rows: rows.sort(key=lambda r: r.answers["improve"], reverse=True),
    )
    people = add_members(cast, cast.other_network, 5)
    survey = opened_round(cast)
    for i, person in enumerate(people):
        from tests.surveys.helpers import token_of

        services.submit_response(
            token_of(survey, person, cast.other_network),
            {"improve": f"svar {i}"},
            today=survey.opens_on,
        )
    close(cast, survey)
    with connection.cursor() as cursor:
        physical = "ctid" if connection.vendor == "postgresql" else "rowid"
        cursor.execute(f"SELECT answers FROM {Response._meta.db_table} ORDER BY {physical}")
        stored = [row[0] for row in cursor.fetchall()]
    order = [next(i for i in range(5) if f"svar {i}" in text) for text in stored]
    assert order == [4, 3, 2, 1, 0]
