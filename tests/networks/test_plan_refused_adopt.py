"""Issue 16 point 1: "Spara och anta planen" refused (N3) writes nothing, so that the user's
next try is not met by a false edit conflict; a real conflict keeps the user's text on the page
beside the other version."""

from django.urls import reverse

from samverkan.history.models import HistoryEntry
from samverkan.networks import services
from samverkan.networks.models import YearPlan

FIELDS = {
    "purpose": "Stärka socialtjänsten",
    "goals": "Dela kunskap",
    "meeting_organisation": "Tio möten per år",
    "contribution": "Bidrar till livskvalitet",
}
EMPTY = {key: "" for key in FIELDS}


def _url(cast, year=2026):
    return reverse("networks:plan_edit", args=[cast.network.slug, year])


def test_refused_adoption_of_an_empty_new_plan_writes_no_draft_N3(cast, client_for):
    before = HistoryEntry.objects.count()
    response = client_for("coordinator").post(_url(cast), {**EMPTY, "version": 0, "adopt": "1"})
    assert response.status_code == 200
    assert "(N3)" in response.content.decode()
    assert not YearPlan.objects.filter(network=cast.network).exists()
    assert HistoryEntry.objects.count() == before


def test_filling_in_and_adopting_after_a_refusal_adopts_without_a_false_conflict_N3(
    cast, client_for
):
    """The bug as a user met it: refused with empty fields, then filled in and adopted, and
    told that somebody else had saved the plan."""
    coordinator = client_for("coordinator")
    refused = coordinator.post(_url(cast), {**EMPTY, "version": 0, "adopt": "1"})
    assert refused.status_code == 200
    adopted = coordinator.post(_url(cast), {**FIELDS, "version": 0, "adopt": "1"})
    assert "Någon annan har sparat årsplanen" not in adopted.content.decode()
    assert adopted.status_code == 302
    plan = YearPlan.objects.get(network=cast.network, year=2026)
    assert plan.state == YearPlan.State.ADOPTED
    assert plan.purpose == FIELDS["purpose"]


def test_refused_adoption_of_an_existing_draft_keeps_it_as_it_was_N3(cast, client_for):
    """As on Socialchefsnätverket's 2028 plan: a draft exists, the adoption is refused, the
    draft is unchanged and the next adoption from the same page succeeds."""
    draft = services.save_year_plan(
        cast.user("coordinator"), cast.network, year=2028, **{**FIELDS, "goals": ""}
    )
    coordinator = client_for("coordinator")
    form = {**FIELDS, "goals": "", "purpose": "Nytt syfte", "version": draft.version}
    refused = coordinator.post(_url(cast, 2028), {**form, "adopt": "1"})
    assert refused.status_code == 200
    assert "målsättning" in refused.content.decode()
    kept = YearPlan.objects.get(pk=draft.pk)
    assert (kept.version, kept.purpose, kept.state) == (draft.version, FIELDS["purpose"], "draft")
    adopted = coordinator.post(_url(cast, 2028), {**form, "goals": "Mål", "adopt": "1"})
    assert adopted.status_code == 302
    kept.refresh_from_db()
    assert (kept.state, kept.purpose, kept.goals) == ("adopted", "Nytt syfte", "Mål")


def test_a_real_conflict_keeps_my_text_beside_the_other_version(cast, client_for):
    plan = services.save_year_plan(cast.user("coordinator"), cast.network, year=2026, **FIELDS)
    opened = plan.version
    services.save_year_plan(
        cast.user("secretariat"),
        cast.network,
        year=2026,
        **{**FIELDS, "goals": "Sekretariatets mål"},
        expected_version=opened,
    )
    coordinator = client_for("coordinator")
    mine = {**FIELDS, "goals": "Samordnarens mål", "version": opened, "save": "1"}
    response = coordinator.post(_url(cast), mine)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Någon annan har sparat årsplanen" in body
    assert "Samordnarens mål" in body  # my text, still in the form
    assert "Sekretariatets mål" in body  # the other version, beside it
    assert "ladda om" not in body.lower()  # reloading would drop my text
    current = YearPlan.objects.get(pk=plan.pk)
    assert current.goals == "Sekretariatets mål"
    # Having seen the other version, saving again saves mine.
    form = response.context["form"]
    assert str(form["version"].value()) == str(current.version)
    again = coordinator.post(_url(cast), {**mine, "version": current.version})
    assert again.status_code == 302
    current.refresh_from_db()
    assert current.goals == "Samordnarens mål"
