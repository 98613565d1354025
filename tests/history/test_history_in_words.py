"""The history in words people use (issue 16, point 12): "Kim Samordnare ändrade syftet i
årsplanen 2026", with the old and the new text, and no field names, ids or English verbs; in
Swedish and in English."""

from django.urls import reverse
from django.utils import translation

from samverkan.history.selectors import network_history
from samverkan.history.words import in_words
from samverkan.networks import services
from samverkan.people.extract import history
from tests.helpers import assert_same_queries, capture_queries

FIELDS = {
    "purpose": "Stärka socialtjänsten",
    "goals": "Dela kunskap",
    "meeting_organisation": "Tio möten per år",
    "contribution": "Bidrar till livskvalitet",
}


def _plan_edited(cast):
    coordinator = cast.user("coordinator")
    plan = services.save_year_plan(coordinator, cast.network, year=2026, **FIELDS)
    return services.save_year_plan(
        coordinator,
        cast.network,
        year=2026,
        **{**FIELDS, "purpose": "Stärka socialtjänsten i hela regionen"},
        expected_version=plan.version,
    )


def _said(cast, language="sv"):
    with translation.override(language):
        return in_words(network_history(cast.network.pk), network_name=cast.network.name)


def test_a_plan_edit_reads_as_who_changed_what_with_old_and_new_text(cast):
    _plan_edited(cast)
    said = _said(cast)[0]
    assert said.sentence == "Kim Samordnare ändrade syftet i årsplanen 2026"
    [change] = said.changes
    assert (change.label, change.old, change.new) == (
        "Syftet",
        "Stärka socialtjänsten",
        "Stärka socialtjänsten i hela regionen",
    )


def test_the_history_reads_in_english_for_an_english_reader(cast):
    _plan_edited(cast)
    said = _said(cast, "en")
    assert said[0].sentence == "Kim Samordnare changed the purpose in the year plan 2026"
    assert said[0].changes[0].label == "The purpose"
    assert said[1].sentence == "Kim Samordnare added the year plan 2026"


def test_adopting_names_the_verb_and_the_people_by_name_not_id_N3(cast):
    coordinator = cast.user("coordinator")
    plan = services.save_year_plan(coordinator, cast.network, year=2026, **FIELDS)
    services.adopt_year_plan(coordinator, plan, expected_version=plan.version)
    said = _said(cast)[0]
    assert said.sentence == "Kim Samordnare antog årsplanen 2026"
    shown = {c.label: c.new for c in said.changes}
    assert shown["Läget"] == "Antagen"
    assert shown["Vem som antog"] == "Kim Samordnare"
    assert str(cast.people["coordinator"].pk) not in shown.values()


def test_the_network_page_shows_sentences_not_field_names(cast, client_for):
    _plan_edited(cast)
    page = client_for("coordinator").get(reverse("networks:detail", args=[cast.network.slug]))
    body = page.content.decode()
    assert "Kim Samordnare ändrade syftet i årsplanen 2026" in body
    assert "Stärka socialtjänsten i hela regionen" in body
    assert "purpose:" not in body and "meeting_organisation" not in body


def test_the_history_in_words_costs_as_many_queries_for_many_entries_as_for_few(cast):
    """One query for the entries, one per kind of row their changes name (the adopter)."""
    coordinator = cast.user("coordinator")
    plan = services.save_year_plan(coordinator, cast.network, year=2026, **FIELDS)
    services.adopt_year_plan(coordinator, plan, expected_version=plan.version)
    with capture_queries("few") as few:
        _said(cast)
    for year in range(2027, 2037):
        plan = services.save_year_plan(coordinator, cast.network, year=year, **FIELDS)
        services.adopt_year_plan(coordinator, plan, expected_version=plan.version)
    with capture_queries("many") as many:
        assert len(_said(cast)) > 20
    assert_same_queries(few, many)


def test_the_register_extract_tells_each_history_entry_in_words(cast):
    _plan_edited(cast)
    rows = history(cast.people["coordinator"])
    said = [row["said"] for row in rows]
    assert "Kim Samordnare ändrade syftet i årsplanen Socialchefsnätverket 2026" in said
    assert list(rows[0])[:2] == ["time", "said"]
