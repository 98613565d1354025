"""Issue 16, point 14: the catalogue search finds networks by a coordinator's or a member's
name — for signed-in readers only, who may see who takes part (N6)."""

import datetime

from django.urls import reverse

URL = reverse("networks:catalogue")


def names(response) -> list[str]:
    return [entry.network.name for entry in response.context["rows"]]


def test_a_reader_finds_a_network_by_its_coordinators_name(cast, client_for):
    coordinator = cast.people["coordinator"]  # a coordinator of Socialchefsnätverket
    response = client_for("reader").get(URL, {"q": coordinator.name})
    assert names(response) == [cast.network.name]


def test_a_reader_finds_a_network_by_a_members_first_name_and_a_word_of_its_text(cast, client_for):
    member = cast.people["member"]
    first = member.name.split()[0]
    assert cast.network.name in names(client_for("reader").get(URL, {"q": f"{first} social"}))
    assert names(client_for("reader").get(URL, {"q": f"{first} it-chef"})) == []


def test_the_public_catalogue_does_not_search_by_peoples_names(cast, client):
    cast.cooperation.publish_catalogue = True
    cast.cooperation.save()
    response = client.get(URL, {"q": cast.people["coordinator"].name})
    assert names(response) == []
    assert "Inga nätverk matchar sökningen" in response.content.decode()


def test_a_former_member_is_not_found_any_more(cast, client_for):
    from samverkan.networks import services
    from samverkan.networks.models import Membership

    member = cast.people["member"]
    membership = Membership.objects.get(network=cast.network, person=member)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    services.end_membership(cast.user("secretariat"), membership, end_on=yesterday)
    assert cast.network.name not in names(client_for("reader").get(URL, {"q": member.name}))
