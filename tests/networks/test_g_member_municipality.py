"""Issue 16 §10: a member for a municipality that does not take part — it said no, or it
left — is refused, with the reason; nothing is written."""

import datetime

import pytest

from samverkan.core.errors import ServiceError
from samverkan.networks import services
from samverkan.networks.models import Membership, Participation
from tests.cast import make_person

LEFT = datetime.date(2025, 6, 30)


def _left(cast, name, reason="Vi prioriterar annat."):
    Participation.objects.filter(network=cast.network, municipality=cast.muni(name)).update(
        left_on=LEFT, leave_reason=reason
    )


def test_a_member_for_a_municipality_that_left_is_refused_with_the_day_and_reason(cast):
    _left(cast, "Bjuv")
    person = make_person("Bo Bjuvsson", cast.muni("Bjuv"), account=False)
    with pytest.raises(ServiceError) as exc:
        services.add_membership(cast.user("coordinator"), cast.network, person=person)
    message = exc.value.message
    assert "Bjuv lämnade nätverket 30 juni 2025" in message
    assert "Vi prioriterar annat." in message
    assert not Membership.objects.filter(person=person).exists()


def test_a_member_for_a_municipality_that_said_no_is_refused_S1(cast):
    from tests.networks.starting_cast import propose

    proposal = propose(cast)
    Participation.objects.filter(
        network=proposal.network, municipality=cast.muni("Klippan")
    ).update(answer="no", answered_on=datetime.date(2026, 11, 3))
    person = make_person("Kaj Klippansson", cast.muni("Klippan"), account=False)
    with pytest.raises(ServiceError, match="Klippan sa nej till att delta i nätverket 3 november"):
        services.add_membership(cast.user("secretariat"), proposal.network, person=person)
    assert not Membership.objects.filter(person=person).exists()


def test_a_member_for_a_participating_municipality_is_added(cast):
    person = make_person("Per Perstorp", cast.muni("Perstorp"), account=False)
    membership = services.add_membership(cast.user("coordinator"), cast.network, person=person)
    assert membership.municipality == cast.muni("Perstorp")


def test_a_municipality_that_left_and_joined_again_takes_members_again(cast):
    Participation.objects.filter(network=cast.network, municipality=cast.muni("Bjuv")).update(
        left_on=None, leave_reason=""
    )
    person = make_person("Bo Bjuvsson", cast.muni("Bjuv"), account=False)
    assert services.add_membership(cast.user("coordinator"), cast.network, person=person)


def test_the_members_page_shows_the_refusal_on_the_municipality_field(cast, client_for):
    _left(cast, "Bjuv")
    response = client_for("coordinator").post(
        "/natverk/socialchefsnatverket/medlemmar/",
        {
            "email": "bo@example.se",
            "name": "Bo Bjuvsson",
            "municipality": cast.muni("Bjuv").pk,
            "role": "member",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bjuv lämnade nätverket 30 juni 2025" in html
    assert not Membership.objects.filter(person__email="bo@example.se").exists()
