"""Invitation answer links (S1, S2) that cannot be forged or outlive their holder (issue 13,
part 4): a link signed with the old built-in key is refused, a link signed with a key that
was rotated out still works while that key is a fallback, and the link of a management
contact who was removed stops working."""

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from samverkan.cooperation.models import ManagementContact
from samverkan.core.errors import ServiceError
from samverkan.core.secret_key import DEV_DEFAULT_KEY
from samverkan.history.models import HistoryEntry
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.lifecycle.tokens import SALT, make_answer_token
from samverkan.networks.models import Participation
from tests.networks.starting_cast import propose

NEW_KEY = "new-" + "k" * 30 + "abcdefghijklmnopqrstuvwxyz0123456789"
OLD_KEY = "old-" + "o" * 30 + "abcdefghijklmnopqrstuvwxyz0123456789"


def forged_link(participation_id: int, person_id: int, key: str) -> str:
    """What an attacker who knows `key` makes: the payload of a real link, signed by hand."""
    token = signing.dumps(
        {"p": participation_id, "c": person_id}, key=key, salt=SALT, compress=True
    )
    return reverse("networks:answer_link", args=[token])


def answer_entries(participation: Participation) -> int:
    return HistoryEntry.objects.filter(
        content_type__model="participation", object_pk=str(participation.pk)
    ).count()


def test_link_forged_with_the_old_built_in_key_is_refused_S1(cast, settings):
    """The attack of the issue: the invitation answer link of Perstorp's management, signed
    with the key that every checkout used to run on, answers for Perstorp. Under a configured
    key it is refused and nothing is recorded."""
    assert settings.SECRET_KEY != DEV_DEFAULT_KEY  # the tests run on a key of their own
    proposal = propose(cast)
    participation = proposal.participation("Perstorp")
    url = forged_link(participation.pk, proposal.contacts["Perstorp"].pk, DEV_DEFAULT_KEY)
    before = answer_entries(participation)
    client = Client()
    shown = client.get(url)
    assert shown.status_code == 400
    assert "Länken är ogiltig" in shown.content.decode()
    response = client.post(url, {"answer": "yes"})
    assert response.status_code == 400
    assert "Länken är ogiltig" in response.content.decode()
    participation.refresh_from_db()
    assert participation.answer == ""
    assert participation.consulted_on is None
    assert answer_entries(participation) == before


def test_link_forged_with_the_old_key_fails_even_when_it_was_the_key_before(cast, settings):
    """Rotating away from the built-in key (it is no fallback) makes every link it signed
    worthless: the same forged link, refused once the settings' key differs."""
    settings.SECRET_KEY = NEW_KEY
    settings.SECRET_KEY_FALLBACKS = []
    proposal = propose(cast)
    participation = proposal.participation("Bjuv")
    url = forged_link(participation.pk, proposal.contacts["Bjuv"].pk, DEV_DEFAULT_KEY)
    assert Client().post(url, {"answer": "no"}).status_code == 400
    participation.refresh_from_db()
    assert participation.answer == ""


def test_link_signed_with_a_fallback_key_still_works_after_rotation_S1(cast, settings):
    """Key rotation: a link e-mailed before the key changed keeps working while the old key
    is in SECRET_KEY_FALLBACKS, and stops once it is taken out."""
    settings.SECRET_KEY = OLD_KEY
    proposal = propose(cast)
    perstorp = proposal.participation("Perstorp")
    bjuv = proposal.participation("Bjuv")
    old_perstorp = reverse(
        "networks:answer_link",
        args=[make_answer_token(perstorp.pk, proposal.contacts["Perstorp"].pk)],
    )
    old_bjuv = reverse(
        "networks:answer_link", args=[make_answer_token(bjuv.pk, proposal.contacts["Bjuv"].pk)]
    )

    settings.SECRET_KEY = NEW_KEY
    settings.SECRET_KEY_FALLBACKS = [OLD_KEY]
    response = Client().post(old_perstorp, {"answer": "yes"})
    assert response.status_code == 200
    assert "Perstorp har svarat Ja" in response.content.decode()
    perstorp.refresh_from_db()
    assert perstorp.answer == "yes"

    settings.SECRET_KEY_FALLBACKS = []
    assert Client().post(old_bjuv, {"answer": "yes"}).status_code == 400
    bjuv.refresh_from_db()
    assert bjuv.answer == ""


def test_removed_management_contacts_link_is_refused_S1_S2(cast):
    """A management contact who was removed (left the municipality, say) can no longer answer
    for it with the link the invitation e-mailed: a Swedish refusal, nothing recorded."""
    proposal = propose(cast)
    participation = proposal.participation("Perstorp")
    person = proposal.contacts["Perstorp"]
    url = reverse("networks:answer_link", args=[make_answer_token(participation.pk, person.pk)])
    contact = ManagementContact.objects.get(person=person, municipality=cast.muni("Perstorp"))
    lifecycle.remove_management_contact(cast.user("secretariat"), contact)
    before = answer_entries(participation)

    client = Client()
    shown = client.get(url)
    assert shown.status_code == 400
    assert "inte längre förvaltningsledning" in shown.content.decode()
    assert "Vill Perstorp delta" not in shown.content.decode()
    response = client.post(url, {"answer": "yes"})
    assert response.status_code == 400
    assert "inte längre förvaltningsledning" in response.content.decode()
    participation.refresh_from_db()
    assert participation.answer == ""
    assert participation.consulted_on is None
    assert answer_entries(participation) == before


def test_removed_contact_cannot_answer_through_the_service_either(cast):
    proposal = propose(cast)
    participation = proposal.participation("Bjuv")
    person = proposal.contacts["Bjuv"]
    token = make_answer_token(participation.pk, person.pk)
    ManagementContact.objects.filter(person=person).delete()
    with pytest.raises(ServiceError, match="inte längre förvaltningsledning"):
        lifecycle.answer_invitation(None, participation, answer="yes", token=token)
    participation.refresh_from_db()
    assert participation.answer == ""


def test_other_contacts_link_still_works_after_one_is_removed(cast):
    """Removing one of a municipality's contacts leaves the links of the others working."""
    proposal = propose(cast)
    participation = proposal.participation("Klippan")
    kept = proposal.contacts["Klippan"]
    other = ManagementContact.objects.create(
        municipality=cast.muni("Klippan"), area=cast.area, person=proposal.contacts["Bjuv"]
    )
    lifecycle.remove_management_contact(cast.user("secretariat"), other)
    url = reverse("networks:answer_link", args=[make_answer_token(participation.pk, kept.pk)])
    assert Client().post(url, {"answer": "no"}).status_code == 200
    participation.refresh_from_db()
    assert participation.answer == "no"
