"""Joining and leaving (P1, P2), closing and inactivity (C1)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from samverkan.cooperation.models import ManagementContact
from samverkan.core.errors import ServiceError
from samverkan.history.models import HistoryEntry
from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.lifecycle.activity import inactive_networks
from samverkan.networks.models import Network, Participation, ParticipationRequest
from samverkan.notifications.models import Notification
from samverkan.notifications.reminders import run_daily
from tests.cast import make_person

DAY = datetime.date(2026, 5, 4)


@pytest.fixture
def outside(cast):
    """Bjuv does not take part in the cast's network (yet)."""
    Participation.objects.filter(network=cast.network, municipality=cast.muni("Bjuv")).delete()
    return cast.muni("Bjuv")


def test_member_municipality_joins_after_coordinator_confirms_P1(cast, outside):
    request = lifecycle.request_join(
        cast.user("reader"), cast.network, municipality=outside, today=DAY
    )
    assert request.state == ParticipationRequest.State.PENDING
    assert not Participation.objects.filter(network=cast.network, municipality=outside).exists()
    assert Notification.objects.filter(
        kind="participation_requested", recipient=cast.people["coordinator"]
    ).exists()
    lifecycle.decide_participation_request(
        cast.user("coordinator"), request, confirm=True, today=DAY
    )
    participation = Participation.objects.get(network=cast.network, municipality=outside)
    assert participation.joined_on == DAY
    request.refresh_from_db()
    assert (request.state, request.decided_on) == ("confirmed", DAY)
    assert request.decided_by == cast.people["coordinator"]
    assert Notification.objects.filter(
        kind="participation_decided", recipient=cast.people["reader"]
    ).exists()
    assert HistoryEntry.objects.filter(
        network=cast.network, verb="confirm_participation_request"
    ).exists()


def test_joining_twice_is_refused_P1(cast, outside):
    lifecycle.request_join(cast.user("reader"), cast.network, municipality=outside, today=DAY)
    with pytest.raises(ServiceError, match="väntar på samordnaren"):
        lifecycle.request_join(cast.user("reader"), cast.network, municipality=outside, today=DAY)
    with pytest.raises(ServiceError, match="Klippan deltar redan"):
        lifecycle.request_join(
            cast.user("member"), cast.network, municipality=cast.muni("Klippan"), today=DAY
        )
    assert ParticipationRequest.objects.count() == 1


def test_only_people_of_the_municipality_ask_for_it_P1(cast, outside):
    with pytest.raises(PermissionDenied):
        lifecycle.request_join(cast.user("member"), cast.network, municipality=outside)
    assert not ParticipationRequest.objects.exists()


def test_joining_a_network_that_is_not_active_is_refused_P1(cast, outside):
    lifecycle.close_network(cast.user("secretariat"), cast.network, reason="Slut", today=DAY)
    with pytest.raises(ServiceError, match="aktiva nätverk"):
        lifecycle.request_join(cast.user("reader"), cast.network, municipality=outside)


def test_municipality_leaves_with_reason_and_dates_kept_P2(cast):
    klippan = cast.muni("Klippan")
    request = lifecycle.request_leave(
        cast.user("member"),
        cast.network,
        municipality=klippan,
        reason="Andra prioriteringar",
        today=DAY,
    )
    lifecycle.decide_participation_request(
        cast.user("coordinator"), request, confirm=True, today=DAY
    )
    participation = Participation.objects.get(network=cast.network, municipality=klippan)
    assert (participation.joined_on, participation.left_on) == (datetime.date(2020, 1, 1), DAY)
    assert participation.leave_reason == "Andra prioriteringar"
    later = DAY + datetime.timedelta(days=1)
    assert not Participation.objects.on(later).filter(pk=participation.pk).exists()
    # ... and may come back (P1): a new period starts.
    back = lifecycle.request_join(
        cast.user("member"), cast.network, municipality=klippan, today=later
    )
    lifecycle.decide_participation_request(
        cast.user("coordinator"), back, confirm=True, today=later
    )
    participation.refresh_from_db()
    assert (participation.joined_on, participation.left_on) == (later, None)


def test_declined_request_changes_no_participation_P2(cast):
    request = lifecycle.request_leave(
        cast.user("member"), cast.network, municipality=cast.muni("Klippan"), today=DAY
    )
    lifecycle.decide_participation_request(cast.user("coordinator"), request, confirm=False)
    assert (
        Participation.objects.get(network=cast.network, municipality=cast.muni("Klippan")).left_on
        is None
    )
    with pytest.raises(ServiceError, match="redan avböjd"):
        lifecycle.decide_participation_request(cast.user("coordinator"), request, confirm=True)


def test_leaving_without_taking_part_is_refused_P2(cast, outside):
    with pytest.raises(ServiceError, match="Bjuv deltar inte"):
        lifecycle.request_leave(cast.user("reader"), cast.network, municipality=outside)


def test_only_the_coordinator_confirms(cast, outside):
    request = lifecycle.request_join(cast.user("reader"), cast.network, municipality=outside)
    with pytest.raises(PermissionDenied):
        lifecycle.decide_participation_request(cast.user("member"), request, confirm=True)


# ---- closing (C1) ----------------------------------------------------------------------------


def _management(cast, names):
    out = {}
    for name in names:
        person = make_person(f"Ledning {name}", cast.muni(name), account=False)
        ManagementContact.objects.create(
            municipality=cast.muni(name), area=cast.area, person=person
        )
        out[name] = person
    return out


def test_close_tells_management_of_each_participating_municipality_and_secretariat_C1(cast):
    managers = _management(cast, ["Bjuv", "Klippan"])
    Participation.objects.filter(network=cast.network, municipality=cast.muni("Bjuv")).update(
        left_on=datetime.date(2024, 1, 1)
    )
    network = lifecycle.close_network(
        cast.user("coordinator"), cast.network, reason="Intresset har upphört", today=DAY
    )
    assert (network.status, network.closed_on) == (Network.Status.CLOSED, DAY)
    assert network.close_reason == "Intresset har upphört"
    told = {n.recipient for n in Notification.objects.filter(kind="network_closed")}
    assert told == {managers["Klippan"], cast.people["secretariat"]}  # Bjuv had left
    assert HistoryEntry.objects.filter(network=network, verb="close_network").exists()


def test_closing_needs_a_reason_and_an_editor_C1(cast):
    with pytest.raises(ServiceError, match="Ange varför"):
        lifecycle.close_network(cast.user("coordinator"), cast.network, reason="  ")
    with pytest.raises(PermissionDenied):
        lifecycle.close_network(cast.user("member"), cast.network, reason="Slut")
    cast.network.refresh_from_db()
    assert cast.network.status == Network.Status.ACTIVE


def test_closing_a_closed_network_is_refused_and_changes_nothing_C1(cast):
    lifecycle.close_network(cast.user("coordinator"), cast.network, reason="Först", today=DAY)
    with pytest.raises(ServiceError, match="avslutades redan 2026-05-04"):
        lifecycle.close_network(cast.user("secretariat"), cast.network, reason="Igen")
    cast.network.refresh_from_db()
    assert cast.network.close_reason == "Först"
    assert Notification.objects.filter(kind="network_closed").count() == 1
    assert HistoryEntry.objects.filter(network=cast.network, verb="close_network").count() == 1


def test_network_without_activity_for_12_months_is_flagged_once_C1(cast):
    # The cast's networks started 2020-01-01 and have no recorded activity since.
    day = datetime.date(2021, 1, 2)
    assert {n.slug for n, _last in inactive_networks(day)} == {
        "socialchefsnatverket",
        "it-chefsnatverket",
    }
    run_daily(day)
    run_daily(day + datetime.timedelta(days=1))
    flagged = Notification.objects.filter(kind="network_inactive", network=cast.network)
    assert [n.recipient for n in flagged] == [cast.people["secretariat"]]


def test_plan_change_is_not_activity_C1(cast):
    """Issue 16, point 7: editing the year plan does not make a network active (C1 asks for a
    meeting held, minutes approved or a matter moved; tests/networks/test_c1_activity.py)."""
    from samverkan.networks.services import save_year_plan

    save_year_plan(
        cast.user("coordinator"),
        cast.network,
        year=2026,
        purpose="S",
        goals="M",
        meeting_organisation="O",
        contribution="B",
    )
    today = datetime.date.today()
    assert cast.network in [n for n, _ in inactive_networks(today)]
    assert cast.other_network in [n for n, _ in inactive_networks(today)]
