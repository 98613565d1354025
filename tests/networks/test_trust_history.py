"""Answers given by an e-mailed link are in the history with who answered (S1, S2; SPEC §6
"every change in the history"; issue 13, part 6). Before, an answer through the invitation
link of a management contact without an account had no actor at all, and one with an
account was recorded as that account signing in, which it never did. Now the entry names
"via e-postlänk för <person>", on the network's page too."""

from django.test import Client
from django.urls import reverse

from samverkan.history.models import HistoryEntry
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.lifecycle.tokens import make_answer_token
from tests.networks.starting_cast import propose


def answer_entry(participation) -> HistoryEntry:
    return HistoryEntry.objects.get(
        content_type__model="participation",
        object_pk=str(participation.pk),
        verb="answer_invitation",
    )


def answer_by_link(proposal, municipality: str, answer: str = "yes", client=None):
    participation = proposal.participation(municipality)
    token = make_answer_token(participation.pk, proposal.contacts[municipality].pk)
    response = (client or Client()).post(
        reverse("networks:answer_link", args=[token]), {"answer": answer}
    )
    assert response.status_code == 200
    return participation


def test_answer_by_link_names_the_person_it_was_sent_to_S1(cast, client_for):
    proposal = propose(cast)
    perstorp = answer_by_link(proposal, "Perstorp")  # a contact without an account
    entry = answer_entry(perstorp)
    holder = proposal.contacts["Perstorp"]
    assert entry.actor is None
    assert entry.via_link_for == f"{holder.name} <{holder.email}>"
    assert entry.who == f"via e-postlänk för {holder.name} <{holder.email}>"
    assert entry.changes["answer"] == ["", "yes"]

    page = client_for("secretariat").get(reverse("networks:detail", args=[proposal.network.slug]))
    body = page.content.decode()
    assert f"via e-postlänk för {holder.name} &lt;{holder.email}&gt;" in body


def test_a_link_answer_is_not_passed_off_as_the_holders_sign_in_S1(cast):
    """Bjuv's contact has an account, but answering by link is not signing in: whoever holds
    the link answered, and the history says so rather than naming the account."""
    proposal = propose(cast)
    bjuv = answer_by_link(proposal, "Bjuv", answer="no")
    entry = answer_entry(bjuv)
    assert entry.actor is None and entry.actor_email is None
    assert entry.who == f"via e-postlänk för Ledning Bjuv <{proposal.contacts['Bjuv'].email}>"


def test_someone_signed_in_who_uses_a_link_is_named_beside_the_holder_S1(cast, client_for):
    proposal = propose(cast)
    klippan = answer_by_link(proposal, "Klippan", client=client_for("member"))
    entry = answer_entry(klippan)
    member = cast.user("member")
    assert entry.actor == member
    holder = proposal.contacts["Klippan"]
    assert entry.who == f"{member.email} (via e-postlänk för {holder.name} <{holder.email}>)"


def test_an_answer_in_the_app_names_the_account_and_no_link_S1(cast):
    proposal = propose(cast)
    bjuv = proposal.participation("Bjuv")
    lifecycle.answer_invitation(proposal.contacts["Bjuv"].user, bjuv, answer="yes")
    entry = answer_entry(bjuv)
    assert entry.actor == proposal.contacts["Bjuv"].user
    assert entry.via_link_for == ""
    assert entry.who == proposal.contacts["Bjuv"].email


def test_the_archive_export_names_the_link_holder_C1(cast, client_for):
    proposal = propose(cast)
    answer_by_link(proposal, "Perstorp")
    response = client_for("secretariat").get(
        reverse("networks:export", args=[proposal.network.slug])
    )
    holder = proposal.contacts["Perstorp"]
    answers = [h for h in response.json()["history"] if h["verb"] == "answer_invitation"]
    assert [(h["actor"], h["via_link_for"]) for h in answers] == [
        (None, f"{holder.name} <{holder.email}>")
    ]
