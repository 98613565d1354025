"""The lifecycle pages that list things make the same number of queries for few or many rows."""

from django.urls import reverse

from samverkan.networks.lifecycle import services as lifecycle
from samverkan.networks.models import Membership, Network, Participation
from tests.helpers import assert_same_queries, queries_of
from tests.networks.starting_cast import DAY, add_contacts


def _more_networks(cast, n):
    for i in range(n):
        network = Network.objects.create(
            name=f"Extra {i}", slug=f"extra-{i}", area=cast.area, status="active", started_on=DAY
        )
        Participation.objects.create(network=network, municipality=cast.muni("Bjuv"), joined_on=DAY)
        Membership.objects.create(
            network=network,
            person=cast.people["reader"],
            municipality=cast.muni("Bjuv"),
            role="member",
            start_on=DAY,
        )


def test_municipality_page_is_flat_in_queries(cast, client_for):
    client = client_for("secretariat")
    url = reverse("municipalities:detail", args=["bjuv"])
    client.get(url)
    few = queries_of(client.get, url)
    _more_networks(cast, 8)
    assert_same_queries(few, queries_of(client.get, url))


def test_progress_page_is_flat_in_queries(cast, client_for):
    contacts = add_contacts(cast)
    network = lifecycle.propose_network(
        cast.user("reader"), name="N", area=cast.area, reason="R", today=DAY
    )
    client = client_for("secretariat")
    url = reverse("networks:progress", args=[network.slug])
    client.get(url)
    before = queries_of(client.get, url)
    for name in list(contacts)[:6]:
        participation = network.participations.get(municipality=cast.muni(name))
        lifecycle.answer_invitation(
            cast.user("secretariat"), participation, answer="yes", today=DAY
        )
    assert_same_queries(before, queries_of(client.get, url))
