"""The lifecycle pages: propose, progress, answers by link and in the app, activation,
participation requests, closing, export, material (N5), questions (ST1), municipality page."""

import json

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from samverkan.cooperation.models import ManagementContact
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.lifecycle.tokens import make_answer_token
from samverkan.networks.models import (
    Material,
    Network,
    Participation,
    ParticipationRequest,
    Question,
)
from samverkan.notifications.models import Notification
from tests.networks.starting_cast import propose


def test_propose_page_creates_proposal_and_redirects_to_progress_S1(cast, client_for):
    client = client_for("reader")
    assert client.get(reverse("networks:propose")).status_code == 200
    response = client.post(
        reverse("networks:propose"),
        {"name": "Biblioteksnätverket", "area": cast.area.pk, "reason": "Samarbeta."},
    )
    network = Network.objects.get(name="Biblioteksnätverket")
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:progress", args=[network.slug])
    assert network.status == Network.Status.PROPOSED


def test_propose_page_shows_swedish_error_for_blank_reason(cast, client_for):
    response = client_for("reader").post(
        reverse("networks:propose"), {"name": "X", "area": cast.area.pk, "reason": ""}
    )
    assert response.status_code == 200
    assert "Detta fält måste fyllas i" in response.content.decode()
    assert not Network.objects.filter(name="X").exists()


def test_progress_page_shows_steps_and_answer_buttons_for_own_municipality(cast, client_for):
    proposal = propose(cast)
    client = Client()
    client.force_login(proposal.contacts["Bjuv"].user)
    html = client.get(reverse("networks:progress", args=[proposal.network.slug])).content.decode()
    assert "S1 Majoritet: 0 av 11" in html
    assert "Ja för Bjuv" in html
    assert "Ja för Klippan" not in html
    response = client.post(
        reverse("networks:answer", args=[proposal.network.slug, proposal.participation("Bjuv").pk]),
        {"answer": "yes"},
        follow=True,
    )
    assert "Svaret för Bjuv är registrerat" in response.content.decode()
    assert proposal.participation("Bjuv").answer == "yes"
    again = client.post(
        reverse("networks:answer", args=[proposal.network.slug, proposal.participation("Bjuv").pk]),
        {"answer": "no"},
        follow=True,
    )
    assert "Bjuv har redan svarat ja" in again.content.decode()
    assert proposal.participation("Bjuv").answer == "yes"


def test_answer_link_works_without_signing_in_S1_S2(cast):
    proposal = propose(cast)
    participation = proposal.participation("Perstorp")
    token = make_answer_token(participation.pk, proposal.contacts["Perstorp"].pk)
    url = reverse("networks:answer_link", args=[token])
    client = Client()
    assert "Vill Perstorp delta" in client.get(url).content.decode()
    response = client.post(url, {"answer": "yes"})
    assert "Perstorp har svarat Ja" in response.content.decode()
    participation.refresh_from_db()
    assert participation.consulted_on is not None
    assert client.get(reverse("networks:answer_link", args=["trasig"])).status_code == 400


def test_invitation_email_carries_a_working_link(
    cast, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        proposal = propose(cast)
    message = next(m for m in mail.outbox if m.to == [proposal.contacts["Bjuv"].email])
    path = message.body.split(settings.SITE_URL)[1].split()[0]
    response = Client().post(path, {"answer": "no"})
    assert response.status_code == 200
    assert proposal.participation("Bjuv").answer == "no"


def test_activate_button_lists_every_missing_step(cast, client_for):
    proposal = propose(cast)
    response = client_for("secretariat").post(
        reverse("networks:activate", args=[proposal.network.slug]), follow=True
    )
    html = response.content.decode()
    assert "kan inte aktiveras" in html
    for rule_id in ("S1", "S3", "S4"):
        assert f"{rule_id}: " in html
    proposal.network.refresh_from_db()
    assert proposal.network.status == Network.Status.PROPOSED


def test_participation_page_join_request_and_confirmation_P1(cast, client_for):
    network = cast.network
    Participation.objects.filter(network=network, municipality=cast.muni("Bjuv")).delete()
    reader = client_for("reader")  # works in Bjuv
    response = reader.post(
        reverse("networks:participation", args=[network.slug]),
        {"municipality": cast.muni("Bjuv").pk, "kind": "join"},
    )
    assert response.status_code == 302
    request = ParticipationRequest.objects.get()
    twice = reader.post(
        reverse("networks:participation", args=[network.slug]),
        {"municipality": cast.muni("Bjuv").pk, "kind": "join"},
    )
    assert "väntar på samordnaren" in twice.content.decode()
    client_for("coordinator").post(
        reverse("networks:decide", args=[network.slug, request.pk]), {"decision": "confirm"}
    )
    assert Participation.objects.get(network=network, municipality=cast.muni("Bjuv")).joined_on


def test_close_page_closes_and_network_stays_readable_C1(cast, client_for):
    response = client_for("coordinator").post(
        reverse("networks:close", args=[cast.network.slug]),
        {"reason": "Intresset har upphört.", "confirm_step": "1", "confirm": "on"},
    )
    assert response.status_code == 302
    cast.network.refresh_from_db()
    assert cast.network.status == Network.Status.CLOSED
    page = client_for("reader").get(cast.network.get_absolute_url())
    assert page.status_code == 200
    assert "Intresset har upphört." in page.content.decode()
    assert (
        client_for("member").get(reverse("networks:close", args=[cast.network.slug])).status_code
        == 403
    )


def test_export_is_one_json_document_with_history_C1(cast, client_for):
    lifecycle.close_network(cast.user("coordinator"), cast.network, reason="Slut.")
    response = client_for("secretariat").get(reverse("networks:export", args=[cast.network.slug]))
    document = json.loads(response.content)
    assert response["Content-Type"].startswith("application/json")
    assert document["network"]["status"] == "closed"
    assert document["network"]["close_reason"] == "Slut."
    assert len(document["participations"]) == 11
    assert {m["role"] for m in document["members"]} >= {"coordinator", "member"}
    assert any(h["verb"] == "close_network" for h in document["history"])
    assert (
        client_for("reader").get(reverse("networks:export", args=[cast.network.slug])).status_code
        == 403
    )


def test_material_upload_and_review_N5(cast, client_for):
    url = reverse("networks:material", args=[cast.network.slug])
    upload = SimpleUploadedFile("folder.pdf", b"%PDF-1.4", content_type="application/pdf")
    client_for("coordinator").post(url, {"title": "Folder", "file": upload})
    item = Material.objects.get()
    assert item.reviewed_on is None
    assert (
        client_for("coordinator")
        .post(reverse("networks:review", args=[cast.network.slug, item.pk]))
        .status_code
        == 403
    )
    client_for("secretariat").post(reverse("networks:review", args=[cast.network.slug, item.pk]))
    item.refresh_from_db()
    assert item.reviewed_on is not None
    assert client_for("member").post(url, {"title": "X"}).status_code == 403


def test_question_thread_between_asker_and_secretariat_ST1(cast, client_for):
    url = reverse("networks:questions", args=[cast.network.slug])
    client_for("reader").post(
        url, {"topic": "graphic_manual", "subject": "Logotypen", "text": "Får vi använda den?"}
    )
    question = Question.objects.get()
    assert Notification.objects.filter(
        kind="question", recipient=cast.people["secretariat"]
    ).exists()
    thread = question.get_absolute_url()
    client_for("secretariat").post(thread, {"text": "Ja, i blått."})
    assert Notification.objects.filter(
        kind="question_answered", recipient=cast.people["reader"]
    ).exists()
    html = client_for("reader").get(thread).content.decode()
    assert "Får vi använda den?" in html and "Ja, i blått." in html
    assert client_for("member").get(thread).status_code == 404
    assert client_for("secretariat").get(reverse("networks:question_inbox")).status_code == 200


def test_municipality_page_lists_networks_left_people_and_pending_consultations(cast, client_for):
    proposal = propose(cast)
    Participation.objects.filter(network=cast.other_network).update(
        left_on="2024-01-01", leave_reason="Prioriteringar"
    )
    html = (
        client_for("reader")
        .get(reverse("municipalities:detail", args=["helsingborg"]))
        .content.decode()
    )
    assert "Socialchefsnätverket" in html
    assert "Har lämnat" in html and "Prioriteringar" in html
    assert proposal.network.name in html  # pending consultation
    assert "Sara Sekreterare" in html
    assert "Ledning Helsingborg" in html


def test_secretariat_registers_management_contact_and_open_proposal_invites(cast, client_for):
    proposal = propose(cast, skip=("Bjuv",))
    client_for("secretariat").post(
        reverse("municipalities:contact_add", args=["bjuv"]),
        {"area": cast.area.pk, "name": "Ny Ledning", "email": "ny.ledning@bjuv.se"},
    )
    assert ManagementContact.objects.filter(municipality=cast.muni("Bjuv")).exists()
    assert proposal.participation("Bjuv").invited_on is not None
    response = client_for("reader").post(
        reverse("municipalities:contact_add", args=["bjuv"]),
        {"area": cast.area.pk, "name": "Y", "email": "y@bjuv.se"},
    )
    assert response.status_code == 403


def test_dashboard_panel_lists_proposals_inactive_networks_and_open_questions_C1_ST1(
    cast, client_for
):

    from samverkan.networks.material.services import ask_question

    proposal = propose(cast)
    # The cast's networks started 2020-01-01 without activity since: inactive now (C1).
    ask_question(cast.user("reader"), cast.network, topic="other", subject="Hej", text="Fråga")
    html = client_for("secretariat").get(reverse("dashboard:dashboard")).content.decode()
    assert "Nätverkens livscykel" in html
    assert proposal.network.name in html and "0 ja av 6 som behövs" in html
    assert "Ingen aktivitet på 12 månader (C1)" in html
    assert "senast 2020-01-01" in html
    assert "1 obesvarad fråga till sekretariatet" in html
