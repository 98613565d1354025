"""The survey as the secretariat and the members meet it (issue 16, point 14): each scale
question says what its 1 and 5 mean in its own words; the technical key of a question is not
asked of the secretariat; the results' chart counts answers in whole numbers."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from samverkan.files.charts import bar_chart, whole_ticks
from samverkan.surveys import services
from samverkan.surveys.forms import QuestionForm, answer_form_class
from tests.surveys.helpers import OPENS, opened_round, token_of


def test_each_standard_scale_question_names_its_own_ends(cast):
    survey = services.create_round(
        cast.user("secretariat"), title="Enkät", opens_on=OPENS, closes_on=OPENS
    )
    ends = {q.key: (q.scale_low, q.scale_high) for q in survey.questions.filter(kind="scale")}
    assert ends["goals"] == ("inte alls", "helt och hållet")
    assert ends["value"] == ("inget värde", "mycket stort värde")
    form = answer_form_class(list(survey.questions.all()))()
    goals = form.fields["goals"]
    assert goals.help_text == "1 = inte alls, 5 = helt och hållet"
    assert [label for _v, label in goals.choices][0::4] == ["1 – inte alls", "5 – helt och hållet"]


def test_the_answer_page_shows_the_question_s_own_scale_words_P4(cast, client):
    today = timezone.localdate()
    survey = opened_round(cast, opens=today, closes=today + datetime.timedelta(days=20))
    token = token_of(survey, cast.people["member"], cast.network)
    page = client.get(reverse("surveys:answer", args=[token]))
    body = page.content.decode()
    assert "1 – inte alls" in body and "5 – mycket stort värde" in body
    assert "1 = mycket dåligt, 5 = mycket bra" not in body.split("I vilken grad")[1][:400]


def test_the_secretariat_is_not_asked_for_a_key_and_the_system_makes_one(cast, client_for):
    assert "key" not in QuestionForm().fields
    survey = services.create_round(
        cast.user("secretariat"), title="Enkät", opens_on=OPENS, closes_on=OPENS
    )
    client = client_for("secretariat")
    page = client.get(reverse("surveys:round", args=[survey.pk])).content.decode()
    assert "Nyckel" not in page
    for _n in range(2):
        client.post(
            reverse("surveys:round", args=[survey.pk]),
            {
                "kind": "scale",
                "text": "Hur nöjd är du?",
                "scale_low": "inte alls nöjd",
                "scale_high": "mycket nöjd",
            },
        )
    made = survey.questions.filter(text="Hur nöjd är du?").order_by("pk")
    assert [q.key for q in made] == ["hur-nojd-ar-du", "hur-nojd-ar-du-2"]
    assert made[0].scale_low == "inte alls nöjd"


def test_editing_a_question_keeps_its_key_for_comparing_rounds(cast, client_for):
    survey = services.create_round(
        cast.user("secretariat"), title="Enkät", opens_on=OPENS, closes_on=OPENS
    )
    goals = survey.questions.get(key="goals")
    client_for("secretariat").post(
        reverse("surveys:round", args=[survey.pk]),
        {
            "question_id": goals.pk,
            "kind": "scale",
            "text": "Når nätverket sina mål?",
            "scale_low": "inte alls",
            "scale_high": "helt",
        },
    )
    goals.refresh_from_db()
    assert (goals.key, goals.text, goals.scale_high) == ("goals", "Når nätverket sina mål?", "helt")


def test_a_chart_of_answers_counts_in_whole_numbers():
    svg = bar_chart(["Ja", "Nej"], [1, 3])
    numbers = set(re.findall(r">([0-9][0-9.,]*)</text>", svg))
    assert numbers and all(n.isdigit() for n in numbers), numbers
    assert whole_ticks(3) == [0, 1, 2, 3]
    assert whole_ticks(20) == [0, 5, 10, 15, 20]
