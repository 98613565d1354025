"""Issue 16 §8: confirmations where an action reaches many people or cannot be undone —
closing a network (C1) and answering for a municipality on its behalf (S1), each a real step
of its own that works without JavaScript."""

from django.test import Client
from django.urls import reverse

from samverkan.networks.models import Network
from samverkan.notifications.models import Notification
from tests.networks.starting_cast import propose


def test_closing_asks_for_confirmation_and_lists_who_is_told_before_anything_happens_C1(
    cast, client_for
):
    client = client_for("coordinator")
    url = reverse("networks:close", args=[cast.network.slug])
    first = client.post(url, {"reason": "Intresset har upphört."})
    html = first.content.decode()
    assert first.status_code == 200
    assert "Bekräfta: avsluta Socialchefsnätverket" in html
    assert "kan inte ångras" in html
    # The secretariat and the network's own people are named among those told.
    assert "Selma Sekretariat" in html and "Maja Medlem" in html
    assert "Intresset har upphört." in html
    cast.network.refresh_from_db()
    assert cast.network.status == Network.Status.ACTIVE
    assert not Notification.objects.filter(kind="network_closed").exists()


def test_closing_without_ticking_the_confirmation_is_refused_in_swedish_C1(cast, client_for):
    response = client_for("coordinator").post(
        reverse("networks:close", args=[cast.network.slug]),
        {"reason": "Intresset har upphört.", "confirm_step": "1"},
    )
    assert response.status_code == 200
    assert "Kryssa i att du förstår att det inte kan ångras" in response.content.decode()
    cast.network.refresh_from_db()
    assert cast.network.status == Network.Status.ACTIVE


def test_the_confirmed_close_closes_the_network_C1(cast, client_for):
    response = client_for("coordinator").post(
        reverse("networks:close", args=[cast.network.slug]),
        {"reason": "Intresset har upphört.", "confirm_step": "1", "confirm": "on"},
    )
    assert response.status_code == 302
    cast.network.refresh_from_db()
    assert cast.network.status == Network.Status.CLOSED


def test_an_answer_on_a_municipalitys_behalf_is_confirmed_with_a_note_first_S1(cast, client_for):
    proposal = propose(cast)
    participation = proposal.participation("Bjuv")
    client = client_for("secretariat")
    url = reverse("networks:answer", args=[proposal.network.slug, participation.pk])
    first = client.post(url, {"answer": "yes"})
    html = first.content.decode()
    assert first.status_code == 200
    assert "Bekräfta svaret för Bjuv" in html and "Hur kom svaret?" in html
    participation.refresh_from_db()
    assert participation.answer == ""
    missing_note = client.post(url, {"answer": "yes", "note": ""})
    assert "Detta fält måste fyllas i" in missing_note.content.decode()
    participation.refresh_from_db()
    assert participation.answer == ""


def test_the_confirmed_answer_is_recorded_and_the_management_is_told_how_it_came_S1(
    cast, client_for
):
    proposal = propose(cast)
    participation = proposal.participation("Bjuv")
    client = client_for("secretariat")
    url = reverse("networks:answer", args=[proposal.network.slug, participation.pk])
    response = client.post(
        url, {"answer": "yes", "note": "E-post från förvaltningschefen 3 december"}
    )
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.answer == "yes"
    notice = Notification.objects.get(
        kind="answered_on_behalf", recipient=proposal.contacts["Bjuv"]
    )
    assert "E-post från förvaltningschefen 3 december" in notice.body
    assert "Selma Sekretariat" in notice.body


def test_the_municipalitys_own_management_answers_directly_without_the_extra_step_S1(cast):
    proposal = propose(cast)
    client = Client()
    client.force_login(proposal.contacts["Bjuv"].user)
    response = client.post(
        reverse("networks:answer", args=[proposal.network.slug, proposal.participation("Bjuv").pk]),
        {"answer": "yes"},
    )
    assert response.status_code == 302
    assert proposal.participation("Bjuv").answer == "yes"
    assert not Notification.objects.filter(kind="answered_on_behalf").exists()


def test_someone_who_may_not_answer_gets_no_confirmation_page_S1(cast, client_for):
    proposal = propose(cast)
    response = client_for("member").post(
        reverse("networks:answer", args=[proposal.network.slug, proposal.participation("Bjuv").pk]),
        {"answer": "yes"},
    )
    assert response.status_code == 403


def test_a_proposal_with_a_name_close_to_an_existing_network_shows_it_before_sending_S1(
    cast, client_for
):
    """Issue 16 §10: "Nätverket för socialchefer" is close to Socialchefsnätverket."""
    client = client_for("reader")
    data = {"name": "Nätverket för socialchefer", "area": cast.area.pk, "reason": "Samarbeta."}
    first = client.post(reverse("networks:propose"), data)
    html = first.content.decode()
    assert first.status_code == 200
    assert "Det finns nätverk med liknande namn" in html
    assert "/natverk/socialchefsnatverket/" in html and "Skicka förslaget ändå" in html
    assert not Network.objects.filter(name="Nätverket för socialchefer").exists()
    sent = client.post(
        reverse("networks:propose"), {**data, "seen_similar": "Nätverket för socialchefer"}
    )
    assert sent.status_code == 302
    assert Network.objects.filter(name="Nätverket för socialchefer").exists()


def test_a_proposal_with_a_new_name_is_sent_at_once_S1(cast, client_for):
    response = client_for("reader").post(
        reverse("networks:propose"),
        {"name": "Biblioteksnätverket", "area": cast.area.pk, "reason": "Samarbeta."},
    )
    assert response.status_code == 302


def test_the_confirmation_pages_speak_english_to_one_who_chose_it(cast, client_for):
    """SPEC §6: the new steps are translated (close confirmation, report sending)."""
    import datetime

    from django.conf import settings
    from django.utils import translation

    for name in ("coordinator", "secretariat"):
        user = cast.user(name)
        user.language = "en"
        user.save(update_fields=["language"])
    try:
        close = client_for("coordinator").post(
            reverse("networks:close", args=[cast.network.slug]), {"reason": "Done."}
        )
        html = close.content.decode()
        assert "Confirm: close Socialchefsnätverket" in html
        assert "Yes, close the network" in html
        year = datetime.date.today().year
        send = client_for("secretariat").get(f"/rapporter/arsrapport/{year}/skicka/")
        assert "Open the PDF that is sent" in send.content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)
