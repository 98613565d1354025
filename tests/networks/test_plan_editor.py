"""The year-plan editor (issue 16): the founding plan for this year or the next (point 2); the
cooperation's texts beside the N1 and N2 fields, "Fråga sekretariatet om planen" (ST1) and the
secretariat's comments on a draft plan (point 11)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samverkan.core.errors import ServiceError
from samverkan.history.models import HistoryEntry
from samverkan.networks import services
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.models import Network, Question, YearPlan, YearPlanComment
from samverkan.notifications.models import Notification
from tests.helpers import assert_same_queries, capture_queries
from tests.networks.starting_cast import propose

FIELDS = {
    "purpose": "Stärka hemtjänsten",
    "goals": "Dela kunskap",
    "meeting_organisation": "Sex möten om året",
    "contribution": "Bidrar till livskvalitet",
}
DECEMBER_FIRST = datetime.date(2026, 12, 1)


def _editor(cast, year):
    return reverse("networks:plan_edit", args=[cast.network.slug, year])


# ---- point 2: the founding plan for the current or the next year ------------------------------


def test_progress_page_offers_the_founding_plan_for_this_year_and_the_next_S3(cast, client_for):
    proposal = propose(cast)
    this_year = datetime.date.today().year
    url = reverse("networks:progress", args=[proposal.network.slug])
    html = client_for("secretariat").get(url).content.decode()
    for year in (this_year, this_year + 1):
        assert reverse("networks:plan_edit", args=[proposal.network.slug, year]) in html


def test_plan_editor_lets_one_choose_this_year_or_the_next(cast, client_for):
    this_year = datetime.date.today().year
    html = client_for("coordinator").get(_editor(cast, this_year + 1)).content.decode()
    assert f'href="{_editor(cast, this_year)}"' in html
    assert f'href="{_editor(cast, this_year + 1)}" aria-current="page"' in html


def test_a_network_started_on_1_december_with_next_years_plan_as_founding_plan_S3(cast):
    """On 1 December the founding plan may be the coming year's: activation accepts it."""
    proposal = propose(cast, day=DECEMBER_FIRST)
    proposal.answer(list(cast.municipalities)[:6], day=DECEMBER_FIRST)
    secretariat = cast.user("secretariat")
    plan = services.save_and_adopt_year_plan(
        secretariat, proposal.network, year=2027, **FIELDS, today=DECEMBER_FIRST
    )
    services.add_membership(
        secretariat,
        proposal.network,
        person=cast.people["reader"],
        role="coordinator",
        start_on=DECEMBER_FIRST,
    )
    network = lifecycle.activate_network(secretariat, proposal.network, today=DECEMBER_FIRST)
    assert (plan.year, plan.state) == (2027, YearPlan.State.ADOPTED)
    assert network.status == Network.Status.ACTIVE


# ---- point 11: the cooperation's texts beside N1 and N2 -----------------------------------------


def test_editor_shows_the_cooperations_purpose_vision_business_idea_and_areas_N1_N2(
    cast, client_for
):
    cast.cooperation.purpose = "Samverkan för hela regionens invånare"
    cast.cooperation.save()
    area = cast.development_areas[0]
    area.description = "Ett gott liv i hela nordvästra Skåne"
    area.goal = "Fler år med god hälsa"
    area.save()
    html = client_for("coordinator").get(_editor(cast, 2026)).content.decode()
    for text in (
        "Samverkan för hela regionens invånare",
        cast.development_plan.vision,
        cast.development_plan.business_idea,
        "Ett gott liv i hela nordvästra Skåne",
        "Fler år med god hälsa",
        "(N1)",
        "(N2)",
    ):
        assert text in html, text


def test_editor_queries_do_not_grow_with_the_development_areas(cast, client_for):
    client = client_for("coordinator")
    client.get(_editor(cast, 2026))
    with capture_queries("four areas") as few:
        client.get(_editor(cast, 2026))
    for n in range(8):
        cast.development_plan.areas.create(name=f"Område {n}", slug=f"omrade-{n}", order=10 + n)
    with capture_queries("twelve areas") as many:
        client.get(_editor(cast, 2026))
    assert_same_queries(few, many)


# ---- point 11: "Fråga sekretariatet om planen" (ST1) ---------------------------------------------


def test_asking_about_the_plan_opens_a_question_tied_to_that_plan_ST1(cast, client_for):
    client = client_for("coordinator")
    editor = client.get(_editor(cast, 2027)).content.decode()
    ask = reverse("networks:questions", args=[cast.network.slug]) + "?arsplan=2027"
    assert f'href="{ask}"' in editor
    assert "Fråga sekretariatet om planen" in editor
    form = client.get(ask).content.decode()
    assert 'name="plan_year" value="2027"' in form
    assert "Årsplanen 2027" in form  # the subject, filled in
    response = client.post(
        ask,
        {
            "topic": "purpose",
            "subject": "Årsplanen 2027",
            "text": "Räcker målen?",
            "plan_year": 2027,
        },
    )
    question = Question.objects.get(network=cast.network)
    assert response.status_code == 302
    assert question.plan_year == 2027
    assert Notification.objects.filter(recipient=cast.people["secretariat"], kind="question")
    # The question is listed in the plan editor, to the asker and the secretariat.
    assert question.subject in client.get(_editor(cast, 2027)).content.decode()
    inbox = client_for("secretariat").get(reverse("networks:question_inbox")).content.decode()
    assert "Om årsplanen 2027" in inbox


def test_a_question_about_the_plan_stays_between_asker_and_secretariat_ST1(cast, client_for):
    from samverkan.networks.material.services import ask_question

    ask_question(
        cast.user("member"),
        cast.network,
        topic="purpose",
        subject="Medlemmens fråga om planen",
        text="?",
        plan_year=2026,
    )
    assert "Medlemmens fråga om planen" not in (
        client_for("coordinator").get(_editor(cast, 2026)).content.decode()
    )
    assert "Medlemmens fråga om planen" in (
        client_for("secretariat").get(_editor(cast, 2026)).content.decode()
    )


# ---- point 11: the secretariat's comments on a draft plan --------------------------------------


def test_secretariat_comments_a_draft_and_the_coordinator_is_told_ST1(cast, client_for):
    plan = services.save_year_plan(cast.user("coordinator"), cast.network, year=2026, **FIELDS)
    url = reverse("networks:plan_comment", args=[cast.network.slug, 2026])
    response = client_for("secretariat").post(url, {"comment-text": "Målen kan bli mätbara."})
    assert response.status_code == 302
    assert response["Location"].endswith("#kommentarer")
    comment = YearPlanComment.objects.get(plan=plan)
    assert comment.from_secretariat and comment.author == cast.people["secretariat"]
    told = Notification.objects.get(recipient=cast.people["coordinator"], kind="plan_comment")
    assert "Målen kan bli mätbara." in told.body
    assert told.get_absolute_url() or told.target_url()
    assert HistoryEntry.objects.filter(verb="comment_on_year_plan", network=cast.network).exists()
    # The coordinator reads it in the editor and answers; the secretariat is told.
    html = client_for("coordinator").get(_editor(cast, 2026)).content.decode()
    assert "Målen kan bli mätbara." in html
    client_for("coordinator").post(url, {"comment-text": "Vi ändrar dem."})
    assert Notification.objects.filter(
        recipient=cast.people["secretariat"], kind="plan_comment"
    ).exists()


def test_an_empty_comment_is_refused_in_swedish_and_writes_nothing(cast, client_for):
    services.save_year_plan(cast.user("coordinator"), cast.network, year=2026, **FIELDS)
    url = reverse("networks:plan_comment", args=[cast.network.slug, 2026])
    response = client_for("secretariat").post(url, {"comment-text": "  "}, follow=True)
    assert "Skriv en kommentar." in response.content.decode()
    assert not YearPlanComment.objects.exists()


def test_an_adopted_plan_takes_no_new_comments(cast):
    coordinator = cast.user("coordinator")
    plan = services.save_and_adopt_year_plan(coordinator, cast.network, year=2026, **FIELDS)
    with pytest.raises(ServiceError, match="utkast"):
        services.comment_on_year_plan(cast.user("secretariat"), plan, text="Sent")
    assert not YearPlanComment.objects.exists()


@pytest.mark.parametrize("who", ["reader", "member", "secretary", "outsider"])
def test_only_those_who_edit_the_plan_comment_on_it(cast, who):
    plan = services.save_year_plan(cast.user("coordinator"), cast.network, year=2026, **FIELDS)
    with pytest.raises(PermissionDenied):
        services.comment_on_year_plan(cast.user(who), plan, text="Hej")


def test_a_too_long_comment_is_refused_with_the_reason(cast, client_for):
    services.save_year_plan(cast.user("coordinator"), cast.network, year=2026, **FIELDS)
    url = reverse("networks:plan_comment", args=[cast.network.slug, 2026])
    response = client_for("secretariat").post(url, {"comment-text": "x" * 6000}, follow=True)
    assert "5000" in response.content.decode()
    assert not YearPlanComment.objects.exists()


def test_a_closed_networks_plan_editor_offers_no_saving_and_takes_no_comments(cast, client_for):
    coordinator = cast.user("coordinator")
    plan = services.save_year_plan(coordinator, cast.network, year=2026, **FIELDS)
    Network.objects.filter(pk=cast.network.pk).update(status=Network.Status.CLOSED)
    html = client_for("coordinator").get(_editor(cast, 2026)).content.decode()
    assert "Nätverket är avslutat och kan inte ändras." in html
    assert "Spara och anta planen" not in html and "Skicka kommentaren" not in html
    plan.network.refresh_from_db()
    with pytest.raises(ServiceError, match="avslutat"):
        services.comment_on_year_plan(cast.user("secretariat"), plan, text="Hej")
