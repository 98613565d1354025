"""Issue 13, part 5: a question to the secretariat (ST1) stays between the asker and the
secretariat. It is in no network-level export (the archive JSON, from the page and from the API,
before and after closing) and in no history view (the network page, the municipality page),
for any role; the asker and the secretariat still read it on the question's own pages."""

import html
import json

import pytest
from django.test import Client
from django.urls import reverse

from samverkan.cooperation.models import ManagementContact
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.material import services as material
from samverkan.networks.models import Membership, Question
from tests.cast import START, make_person
from tests.conftest import second_factor_shown

SUBJECT = "Konfidentiellt om samordnaren"
TEXT = "Jag vill lämna nätverket i tysthet"
REPLY = "Vi ringer dig i morgon bitti"
FOLLOW_UP = "Tack, helst efter lunch"
SECRETS = (SUBJECT, TEXT, REPLY, FOLLOW_UP)

# Every role that might read the network's export or history, and who each is in the cast.
ROLES = [
    "member",  # another member of the network than the asker
    "coordinator",
    "secretary",  # the coordinator's deputy: the network has no role of that name
    "onboarding",
    "asker",  # a member too: the question stays out of the network's views for them as well
    "management_contact",  # förvaltningsledning for the area in the asker's municipality
    "reader",  # signed in, in no network
    "outsider",  # coordinator of another network
    "secretariat",
]


@pytest.fixture
def private(cast):
    """A member asks the secretariat a question, is answered and follows up (ST1)."""
    municipality = cast.muni("Klippan")
    people = {
        "asker": make_person("Frida Frågare", municipality),
        "onboarding": make_person("Ivar Introduktion", cast.muni("Bjuv")),
        "management_contact": make_person("Lena Ledning", municipality),
    }
    for who, role in (("asker", "member"), ("onboarding", "member"), ("onboarding", "onboarding")):
        Membership.objects.create(
            network=cast.network,
            person=people[who],
            municipality=people[who].municipality,
            role=role,
            start_on=START,
        )
    ManagementContact.objects.create(
        municipality=municipality, area=cast.area, person=people["management_contact"]
    )
    asker = people["asker"].user
    question = material.ask_question(asker, cast.network, topic="other", subject=SUBJECT, text=TEXT)
    material.reply_to_question(cast.user("secretariat"), question, text=REPLY)
    material.reply_to_question(asker, question, text=FOLLOW_UP)
    return {**people, "question": question}


def client_as(cast, private, who: str) -> Client:
    user = private[who].user if who in private else cast.user(who)
    client = Client()
    client.force_login(user)
    second_factor_shown(client, user)
    return client


def leaks(response) -> list[str]:
    """The private texts a response shows (JSON read as text, HTML unescaped)."""
    content = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        content = json.dumps(json.loads(content), ensure_ascii=False)
    else:
        content = html.unescape(content)
    return [s for s in SECRETS if s in content]


def network_level_views(cast) -> dict[str, str]:
    slug = cast.network.slug
    return {
        "network page (its history)": reverse("networks:detail", args=[slug]),
        "archive export": reverse("networks:export", args=[slug]),
        "archive export, API": f"/api/v1/networks/{slug}/export",
        "municipality page": reverse("municipalities:detail", args=[cast.muni("Klippan").slug]),
    }


def assert_nothing_private(cast, client: Client) -> None:
    seen = {}
    for name, url in network_level_views(cast).items():
        response = client.get(url)
        assert response.status_code in (200, 403), (name, response.status_code)
        if found := leaks(response):
            seen[name] = found
    assert not seen, f"the question shows in {seen}"


@pytest.mark.parametrize("who", ROLES)
def test_question_is_in_no_network_export_or_history_ST1(cast, private, who):
    """The attack of the issue: a member reads another person's question through the network's
    archive export and on the network page's history. No role sees it there."""
    assert_nothing_private(cast, client_as(cast, private, who))


@pytest.mark.parametrize("who", ["member", "coordinator", "secretariat"])
def test_closed_networks_archive_keeps_the_question_out_ST1_C1(cast, private, who):
    lifecycle.close_network(cast.user("coordinator"), cast.network, reason="Uppdraget är klart.")
    client = client_as(cast, private, who)
    document = client.get(reverse("networks:export", args=[cast.network.slug]))
    assert document.status_code == 200
    assert json.loads(document.content)["network"]["status"] == "closed"
    assert leaks(document) == []
    api = client.get(f"/api/v1/networks/{cast.network.slug}/export")
    assert api.status_code == 200 and leaks(api) == []


def test_export_keeps_the_rest_of_the_history_ST1(cast, private, client_for):
    """Only the question is left out: the network's other changes are still in the archive."""
    document = json.loads(
        client_for("member").get(reverse("networks:export", args=[cast.network.slug])).content
    )
    assert "questions" not in document
    models = {h["object"].split(":")[0] for h in document["history"]}
    assert "networks.membership" in models
    assert not models & {"networks.question", "networks.questionmessage"}


def test_asker_and_secretariat_still_read_the_thread_ST1(cast, private):
    thread = private["question"].get_absolute_url()
    for who in ("asker", "secretariat"):
        page = client_as(cast, private, who).get(thread)
        assert page.status_code == 200
        assert leaks(page) == list(SECRETS), who
    questions = reverse("networks:questions", args=[cast.network.slug])
    assert SUBJECT in leaks(client_as(cast, private, "asker").get(questions))
    inbox = client_as(cast, private, "secretariat").get(reverse("networks:question_inbox"))
    assert SUBJECT in leaks(inbox)
    api = client_as(cast, private, "asker").get(f"/api/v1/networks/{cast.network.slug}/questions")
    assert api.status_code == 200 and SUBJECT in leaks(api)


@pytest.mark.parametrize("who", ["member", "coordinator", "secretary", "onboarding", "reader"])
def test_others_cannot_open_the_thread_ST1(cast, private, who):
    client = client_as(cast, private, who)
    assert client.get(private["question"].get_absolute_url()).status_code == 404
    questions = client.get(reverse("networks:questions", args=[cast.network.slug]))
    assert leaks(questions) == []
    api = client.get(f"/api/v1/networks/{cast.network.slug}/questions")
    assert leaks(api) == []


def test_question_history_is_still_recorded_ST1(cast, private):
    """Left out of the network's views, not out of the history: the admin still has it."""
    from samverkan.history.models import HistoryEntry

    entries = HistoryEntry.objects.filter(
        content_type__app_label="networks", content_type__model__in=["question", "questionmessage"]
    )
    assert entries.count() >= 4  # the question and its three messages
    assert Question.objects.get().asker == private["asker"]
