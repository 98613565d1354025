"""Issue 16, point 5: people are told what concerns them. The proposer when the proposal
reaches a majority (S1, S2) and when the network starts (S4); a newly added member, welcomed
with the network's page and its calendar feed; the coordinator and members when their network
closes (C1); the management of the concerned municipalities when a matter is referred to them
(F1); the secretariat when material is uploaded for review (N5). Each once per event."""

import datetime

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from samverkan.agreements import matters as work
from samverkan.agreements.models import Matter
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.material.services import add_material
from samverkan.networks.models import Membership
from samverkan.networks.services import add_membership
from samverkan.notifications.models import Notification
from tests.agreements.helpers import adopt, munis
from tests.cast import make_person
from tests.networks.starting_cast import DAY, add_contacts, propose

SITE = settings.SITE_URL.rstrip("/")


def _told(kind):
    return list(Notification.objects.filter(kind=kind).select_related("recipient"))


def _speaks_english(person):
    person.user.language = "en"
    person.user.save(update_fields=["language"])
    return person


# ---- the proposer (S1, S2, S4) ----------------------------------------------------------------


def test_proposer_is_told_once_when_the_proposal_reaches_a_majority_S1_S2(cast):
    proposal = propose(cast)  # proposed by the reader
    names = list(cast.municipalities)
    proposal.answer(names[:5])
    assert not _told("proposal_majority")
    proposal.answer(names[5:6])
    [notice] = _told("proposal_majority")
    assert notice.recipient == cast.people["reader"]
    assert notice.subject == "Ditt förslag Nätverket för hemtjänst har fått majoritet"
    assert "6 av 11" in notice.body
    assert SITE + proposal.network.get_absolute_url() in notice.body
    proposal.answer(names[6:8])  # more yes: nobody told twice
    assert len(_told("proposal_majority")) == 1
    # The secretariat's own notice is unchanged.
    assert [n.recipient for n in _told("majority_reached")] == [cast.people["secretariat"]]


def test_proposer_is_told_when_the_network_starts_S4(cast):
    proposal = propose(cast)
    proposal.make_ready()
    lifecycle.activate_network(cast.user("secretariat"), proposal.network, today=DAY)
    [notice] = _told("proposal_started")
    assert notice.recipient == cast.people["reader"]
    assert notice.subject == "Nätverket du föreslog, Nätverket för hemtjänst, har startat"
    assert SITE + proposal.network.get_absolute_url() in notice.body
    assert cast.people["reader"] not in {n.recipient for n in _told("network_activated")}


def test_proposer_of_the_secretariat_gets_the_proposers_notice_only_S1_S2(cast):
    add_contacts(cast)
    network = lifecycle.propose_network(
        cast.user("secretariat"), name="Nätverket för skola", area=cast.area, reason="Behov"
    )
    for participation in network.participations.all()[:6]:
        lifecycle.answer_invitation(cast.user("secretariat"), participation, answer="yes")
    assert [n.recipient for n in _told("proposal_majority")] == [cast.people["secretariat"]]
    assert not _told("majority_reached")  # the only secretariat person proposed it


def test_proposer_is_told_in_their_own_language_S1_S2(cast):
    _speaks_english(cast.people["reader"])
    with translation.override("sv"):
        proposal = propose(cast)
        proposal.answer(list(cast.municipalities)[:6])
    [notice] = _told("proposal_majority")
    assert notice.subject == "Your proposal Nätverket för hemtjänst has reached a majority"


# ---- a new member's welcome -------------------------------------------------------------------


def test_new_member_is_welcomed_with_the_network_page_and_calendar_feed(cast):
    today = timezone.localdate()
    person = make_person("Nina Ny", cast.muni("Svalöv"))
    membership = add_membership(
        cast.user("coordinator"), cast.network, person=person, start_on=today
    )
    [notice] = _told("member_welcome")
    assert notice.recipient == person
    assert notice.subject == "Välkommen till Socialchefsnätverket"
    assert f"som medlem från {today.isoformat()}" in notice.body
    assert SITE + "/natverk/socialchefsnatverket/" in notice.body  # the network's page
    assert SITE + "/natverk/socialchefsnatverket/moten/" in notice.body  # its calendar feed
    assert notice.network == cast.network
    # A second role in the same network is no new arrival.
    add_membership(
        cast.user("coordinator"),
        cast.network,
        person=person,
        role=Membership.Role.SECRETARY,
        start_on=today,
    )
    assert len(_told("member_welcome")) == 1
    assert membership.pk


def test_role_recorded_as_begun_long_ago_is_not_welcomed(cast):
    person = make_person("Olle Gammal", cast.muni("Svalöv"))
    add_membership(
        cast.user("coordinator"),
        cast.network,
        person=person,
        start_on=timezone.localdate() - datetime.timedelta(days=400),
    )
    assert not _told("member_welcome")


def test_welcome_in_the_new_members_language(cast):
    person = _speaks_english(make_person("Eve English", cast.muni("Bjuv")))
    with translation.override("sv"):
        add_membership(cast.user("coordinator"), cast.network, person=person)
    [notice] = _told("member_welcome")
    assert notice.subject == "Welcome to Socialchefsnätverket"
    assert "as member from" in notice.body


# ---- closing (C1) -----------------------------------------------------------------------------


def test_coordinator_and_members_are_told_when_their_network_closes_C1(cast):
    lifecycle.close_network(
        cast.user("secretariat"), cast.network, reason="Uppdraget är slutfört", today=DAY
    )
    told = {n.recipient for n in _told("network_closed_member")}
    assert told == {cast.people[k] for k in ("member", "secretary", "coordinator")}
    assert len(_told("network_closed_member")) == 3  # once each, whatever their roles
    notice = Notification.objects.get(kind="network_closed_member", recipient=cast.people["member"])
    assert notice.subject == "Ditt nätverk Socialchefsnätverket har avslutats"
    assert "Uppdraget är slutfört" in notice.body
    assert SITE + "/natverk/socialchefsnatverket/" in notice.body
    assert cast.people["outsider"] not in told  # the other network's coordinator


def test_a_member_who_is_also_management_is_told_once_C1(cast):
    contacts = add_contacts(cast)
    klippan = contacts["Klippan"]
    Membership.objects.create(
        network=cast.network,
        person=klippan,
        municipality=klippan.municipality,
        role=Membership.Role.MEMBER,
        start_on=datetime.date(2024, 1, 1),
    )
    lifecycle.close_network(cast.user("coordinator"), cast.network, reason="Klart", today=DAY)
    assert Notification.objects.filter(recipient=klippan).count() == 1
    assert Notification.objects.get(recipient=klippan).kind == "network_closed"


# ---- a matter referred to the municipalities (F1) ---------------------------------------------


def test_management_of_concerned_municipalities_told_when_matter_is_referred_F1(cast):
    adopt(cast)
    contacts = add_contacts(cast)
    matter = work.record_matter(
        cast.user("coordinator"),
        cast.network,
        title="Placeringar",
        description="Gemensam upphandling av placeringar.",
        concerned=munis(cast, "Bjuv", "Klippan"),
        raised_on=DAY,
    )
    work.advance_matter(
        cast.user("coordinator"), matter, status=Matter.Status.IN_PREPARATION, today=DAY
    )
    assert not _told("matter_referred")  # in preparation: not yet passed on
    work.advance_matter(cast.user("coordinator"), matter, status=Matter.Status.REFERRED, today=DAY)
    told = {n.recipient for n in _told("matter_referred")}
    assert told == {contacts["Bjuv"], contacts["Klippan"]}  # not Svalöv's, not concerned
    notice = Notification.objects.get(kind="matter_referred", recipient=contacts["Bjuv"])
    assert notice.subject == "Ärende från Socialchefsnätverket till kommunerna: Placeringar"
    assert "(F1)" in notice.body and "Bjuv, Klippan" in notice.body
    assert "Gemensam upphandling av placeringar." in notice.body
    assert SITE + f"/natverk/socialchefsnatverket/arenden/{matter.pk}/" in notice.body
    work.advance_matter(cast.user("coordinator"), matter, status=Matter.Status.CLOSED, today=DAY)
    assert len(_told("matter_referred")) == 2


def test_matter_referred_with_no_management_registered_tells_nobody_F1(cast):
    adopt(cast)
    matter = work.record_matter(
        cast.user("coordinator"),
        cast.network,
        title="Placeringar",
        concerned=munis(cast, "Bjuv", "Klippan"),
        raised_on=DAY,
    )
    work.advance_matter(cast.user("coordinator"), matter, status=Matter.Status.REFERRED, today=DAY)
    assert not _told("matter_referred")


# ---- material for review (N5) -----------------------------------------------------------------


def _pdf():
    return SimpleUploadedFile("folder.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def test_secretariat_is_told_when_material_is_uploaded_for_review_N5(cast):
    material = add_material(cast.user("coordinator"), cast.network, title="Folder", file=_pdf())
    [notice] = _told("material_uploaded")
    assert notice.recipient == cast.people["secretariat"]
    assert notice.subject == "Material att granska från Socialchefsnätverket: Folder"
    assert "(N5)" in notice.body
    assert SITE + "/natverk/socialchefsnatverket/material/" in notice.body
    assert notice.object_id == material.pk


def test_secretariat_uploading_material_is_not_told_of_its_own_file_N5(cast):
    add_material(cast.user("secretariat"), cast.network, title="Mall", file=_pdf())
    assert not _told("material_uploaded")
