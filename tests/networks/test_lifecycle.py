"""Starting a network (S1-S4): proposal, invitations, answers, majority, activation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from samverkan.cooperation.models import ManagementContact, Municipality
from samverkan.core.errors import RuleViolation, ServiceError
from samverkan.history.models import HistoryEntry
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.lifecycle.tokens import make_answer_token
from samverkan.networks.models import Network, Participation
from samverkan.notifications.models import Notification
from samverkan.notifications.reminders import run_daily
from tests.cast import make_person
from tests.networks.starting_cast import DAY, add_contacts, propose


def test_proposal_invites_every_member_municipality_S1(cast):
    proposal = propose(cast)
    network = proposal.network
    assert network.status == Network.Status.PROPOSED
    assert network.proposed_on == DAY
    assert network.proposed_by == cast.people["reader"]
    invited = Participation.objects.filter(network=network, invited_on=DAY)
    assert invited.count() == 11
    invitations = Notification.objects.filter(kind="invitation")
    assert {n.recipient for n in invitations} == set(proposal.contacts.values())
    assert all("/natverk/svar/" in n.body for n in invitations)
    assert Notification.objects.filter(
        kind="network_proposed", recipient=cast.people["secretariat"]
    ).exists()
    assert HistoryEntry.objects.filter(network=network, verb="propose_network").exists()


def test_proposal_needs_sign_in_name_and_reason_S1(cast):
    with pytest.raises(PermissionDenied):
        lifecycle.propose_network(cast.user("anonymous"), name="X", area=cast.area, reason="Y")
    with pytest.raises(ServiceError, match="varför"):
        lifecycle.propose_network(cast.user("reader"), name="X", area=cast.area, reason=" ")
    assert not Network.objects.filter(name="X").exists()


def test_municipality_without_management_contact_is_named_not_invited_S1(cast):
    proposal = propose(cast, skip=("Bjuv",))
    assert not Participation.objects.filter(
        network=proposal.network, municipality=cast.muni("Bjuv")
    ).exists()
    missing = lifecycle.load_start_facts(proposal.network, DAY)
    assert [m.name for m in missing.not_invited] == ["Bjuv"]
    # Registering the contact and inviting again reaches Bjuv, and only Bjuv.
    person = make_person("Ledning Bjuv", cast.muni("Bjuv"), account=False)
    ManagementContact.objects.create(municipality=cast.muni("Bjuv"), area=cast.area, person=person)
    invited = lifecycle.invite_members(cast.user("secretariat"), proposal.network, today=DAY)
    assert [p.municipality.name for p in invited] == ["Bjuv"]
    assert Notification.objects.filter(kind="invitation").count() == 11


def test_majority_is_six_of_eleven_and_secretariat_is_told_once_S1_S2(cast):
    proposal = propose(cast)
    names = list(cast.municipalities)
    proposal.answer(names[:5])
    proposal.answer(names[5:7], answer="no")
    proposal.network.refresh_from_db()
    assert proposal.network.status == Network.Status.PROPOSED
    assert not Notification.objects.filter(kind="majority_reached").exists()
    proposal.answer(names[7:8])
    proposal.network.refresh_from_db()
    assert proposal.network.status == Network.Status.STARTING
    told = Notification.objects.filter(kind="majority_reached")
    assert [n.recipient for n in told] == [cast.people["secretariat"]]
    assert "6 av 11" in told.get().body
    proposal.answer(names[8:9])
    assert Notification.objects.filter(kind="majority_reached").count() == 1


def test_majority_counts_only_the_members_on_that_day_S1(cast):
    # Two municipalities left the cooperation: nine members, so five yes are a majority.
    Municipality.objects.filter(name__in=["Bjuv", "Perstorp"]).update(
        member_to=datetime.date(2025, 12, 31)
    )
    proposal = propose(cast)
    assert Participation.objects.filter(network=proposal.network).count() == 9
    yes = [n for n in cast.municipalities if n not in ("Bjuv", "Perstorp")][:5]
    proposal.answer(yes)
    proposal.network.refresh_from_db()
    assert proposal.network.status == Network.Status.STARTING


def test_municipality_joining_the_cooperation_later_is_invited_too_S1(cast):
    proposal = propose(cast)
    later = DAY + datetime.timedelta(days=20)
    newcomer = Municipality.objects.create(
        code="1293", name="Hässleholm", slug="hassleholm", member_from=later
    )
    contact = make_person("Ledning Hässleholm", newcomer, account=False)
    ManagementContact.objects.create(municipality=newcomer, area=cast.area, person=contact)
    proposal.make_ready(yes=6)
    # On the day it becomes a member it is not invited yet: activation names it (S1), and
    # twelve members need seven yes.
    with pytest.raises(RuleViolation) as refused:
        lifecycle.activate_network(cast.user("secretariat"), proposal.network, today=later)
    assert "Hässleholm" in refused.value.message
    assert "minst 7" in refused.value.message
    run_daily(later)  # the daily run invites it
    participation = Participation.objects.get(network=proposal.network, municipality=newcomer)
    assert participation.invited_on == later
    assert Notification.objects.filter(kind="invitation", recipient=contact).exists()
    run_daily(later)
    assert Notification.objects.filter(kind="invitation", recipient=contact).count() == 1


def _withhold_invitation(proposal):
    """A member municipality on DAY that has not been invited (it has no contact yet)."""
    Municipality.objects.create(code="1293", name="Hässleholm", slug="hassleholm", member_from=DAY)


def _withhold_majority(proposal):
    first = Participation.objects.filter(network=proposal.network, answer="yes").first()
    Participation.objects.filter(pk=first.pk).update(answer="no", consulted_on=None)


def _withhold_consultation(proposal):
    first = Participation.objects.filter(network=proposal.network, answer="yes").first()
    Participation.objects.filter(pk=first.pk).update(consulted_on=None)


@pytest.mark.parametrize(
    ("rule_id", "withhold", "ready", "words"),
    [
        ("S1", _withhold_invitation, {"yes": 7}, "inte inbjudna: Hässleholm"),
        ("S1", _withhold_majority, {}, "5 av 11"),
        ("S2", _withhold_consultation, {}, "förvaltningsledningen är inte tillfrågad"),
        ("S3", None, {"adopt": False}, "ingen antagen första årsplan"),
        ("S4", None, {"coordinator": False}, "ingen samordnare"),
    ],
    ids=["S1-invitation", "S1-majority", "S2-consulted", "S3-founding-plan", "S4-coordinator"],
)
def test_activation_refused_for_each_missing_step_alone_S1_S2_S3_S4(
    cast, rule_id, withhold, ready, words
):
    proposal = propose(cast)
    proposal.make_ready(**ready)
    if withhold:
        withhold(proposal)
    with pytest.raises(RuleViolation) as refused:
        lifecycle.activate_network(cast.user("secretariat"), proposal.network, today=DAY)
    assert refused.value.rule_id == rule_id
    assert len(refused.value.missing) == 1
    assert refused.value.missing[0].startswith(f"{rule_id}: ")
    assert words in refused.value.message
    proposal.network.refresh_from_db()
    assert proposal.network.status != Network.Status.ACTIVE
    assert proposal.network.started_on is None


def test_activation_refusal_lists_every_missing_step_S1_S3_S4(cast):
    proposal = propose(cast, skip=("Bjuv",))
    with pytest.raises(RuleViolation) as refused:
        lifecycle.activate_network(cast.user("secretariat"), proposal.network, today=DAY)
    assert refused.value.rule_id == "S1, S3, S4"
    assert [m.split(":")[0] for m in refused.value.missing] == ["S1", "S1", "S3", "S4"]
    assert "Bjuv (ingen förvaltningsledning registrerad)" in refused.value.message
    assert "Nätverket kan inte aktiveras" in refused.value.message


def test_activation_allowed_when_all_steps_hold_S1_S2_S3_S4(cast):
    proposal = propose(cast)
    proposal.make_ready()
    network = lifecycle.activate_network(cast.user("secretariat"), proposal.network, today=DAY)
    assert network.status == Network.Status.ACTIVE
    assert network.started_on == DAY
    joined = Participation.objects.filter(network=network, joined_on=DAY)
    assert joined.count() == 6
    assert all(p.answer == "yes" for p in joined)
    assert HistoryEntry.objects.filter(network=network, verb="activate_network").exists()
    told = Notification.objects.filter(kind="network_activated")
    assert cast.people["secretariat"] in {n.recipient for n in told}
    assert told.count() == 7  # six managements + the secretariat


def test_only_editors_activate(cast):
    proposal = propose(cast)
    proposal.make_ready()
    with pytest.raises(PermissionDenied):
        lifecycle.activate_network(cast.user("member"), proposal.network, today=DAY)


# ---- answering -----------------------------------------------------------------------------


def test_management_contact_answers_in_the_app_and_yes_records_consultation_S2(cast):
    proposal = propose(cast)
    bjuv = proposal.participation("Bjuv")
    lifecycle.answer_invitation(proposal.contacts["Bjuv"].user, bjuv, answer="yes", today=DAY)
    bjuv.refresh_from_db()
    assert (bjuv.answer, bjuv.answered_on, bjuv.consulted_on) == ("yes", DAY, DAY)
    entry = HistoryEntry.objects.filter(network=proposal.network, verb="answer_invitation").get()
    assert entry.actor == proposal.contacts["Bjuv"].user


def test_no_is_recorded_without_consultation_P2(cast):
    proposal = propose(cast)
    proposal.answer(["Bjuv"], answer="no")
    bjuv = proposal.participation("Bjuv")
    assert (bjuv.answer, bjuv.consulted_on) == ("no", None)


def test_other_municipalitys_manager_cannot_answer(cast):
    proposal = propose(cast)
    with pytest.raises(PermissionDenied):
        lifecycle.answer_invitation(
            proposal.contacts["Bjuv"].user, proposal.participation("Klippan"), answer="yes"
        )
    assert proposal.participation("Klippan").answer == ""


def test_personal_link_answers_its_own_invitation_only(cast):
    proposal = propose(cast)
    bjuv, klippan = proposal.participation("Bjuv"), proposal.participation("Klippan")
    token = make_answer_token(bjuv.pk, proposal.contacts["Bjuv"].pk)
    with pytest.raises(ServiceError, match="annan inbjudan"):
        lifecycle.answer_invitation(None, klippan, answer="yes", token=token)
    with pytest.raises(ServiceError, match="ogiltig"):
        lifecycle.answer_invitation(None, bjuv, answer="yes", token=token[:-3] + "abc")
    lifecycle.answer_invitation(None, bjuv, answer="yes", token=token, today=DAY)
    bjuv.refresh_from_db()
    assert bjuv.answer == "yes"


def test_answering_twice_is_refused_and_changes_nothing(cast):
    proposal = propose(cast)
    proposal.answer(["Bjuv"], answer="no")
    with pytest.raises(ServiceError, match="Bjuv har redan svarat nej"):
        proposal.answer(["Bjuv"], answer="yes", day=DAY + datetime.timedelta(days=1))
    bjuv = proposal.participation("Bjuv")
    assert (bjuv.answer, bjuv.answered_on, bjuv.consulted_on) == ("no", DAY, None)
    assert (
        HistoryEntry.objects.filter(network=proposal.network, verb="answer_invitation").count() == 1
    )


def test_answering_for_a_municipality_not_invited_is_refused(cast):
    proposal = propose(cast, skip=("Bjuv",))
    with pytest.raises(ServiceError, match="Bjuv är inte inbjuden"):
        lifecycle.find_invitation(proposal.network, cast.muni("Bjuv"))
    # A row without an invitation (e.g. entered by hand) cannot be answered either.
    row = Participation.objects.create(network=proposal.network, municipality=cast.muni("Bjuv"))
    with pytest.raises(ServiceError, match="Bjuv är inte inbjuden"):
        lifecycle.answer_invitation(cast.user("secretariat"), row, answer="yes")
    row.refresh_from_db()
    assert row.answer == ""


def test_answer_after_activation_is_refused(cast):
    proposal = propose(cast)
    proposal.make_ready()
    lifecycle.activate_network(cast.user("secretariat"), proposal.network, today=DAY)
    with pytest.raises(ServiceError, match="aktivt"):
        proposal.answer(["Ängelholm"])


def test_unknown_answer_is_refused(cast):
    proposal = propose(cast)
    with pytest.raises(ServiceError, match="ja eller nej"):
        proposal.answer(["Bjuv"], answer="kanske")


def test_contacts_fixture_has_accounts_for_two_managers(cast):
    contacts = add_contacts(cast, skip=tuple(n for n in cast.municipalities if n != "Bjuv"))
    assert contacts["Bjuv"].user is not None


def test_notices_are_written_in_each_recipients_language(cast):
    from django.utils import translation

    user = cast.user("secretariat")
    user.language = "en"
    user.save(update_fields=["language"])
    with translation.override("sv"):
        proposal = propose(cast)
    english = Notification.objects.get(kind="network_proposed")
    assert english.subject == f"New network proposed: {proposal.network.name}"
    swedish = Notification.objects.filter(kind="invitation").first()
    assert swedish.subject.startswith("Inbjudan: vill")
