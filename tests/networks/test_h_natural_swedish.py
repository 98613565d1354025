"""Natural Swedish (issue 16, point 14): no "Nätverket Nätverket för …", and the notice's link
reads "Gå till det som notisen gäller"."""

import datetime

import pytest
from django.urls import reverse

from samverkan.networks.lifecycle import notices
from samverkan.networks.naming import network_phrase
from samverkan.notifications.models import Notification


@pytest.mark.parametrize(
    "name, phrase",
    [
        ("Nätverket för AI i offentlig verksamhet", "Nätverket för AI i offentlig verksamhet"),
        ("Socialchefsnätverket", "Socialchefsnätverket"),
        ("Bibliotekscheferna", "Nätverket Bibliotekscheferna"),
    ],
)
def test_a_network_is_named_once_in_a_sentence(name, phrase):
    assert network_phrase(name) == phrase


def test_the_closing_notice_does_not_say_natverket_twice_C1(cast, client_for):
    network = cast.network
    network.name = "Nätverket för AI i offentlig verksamhet"
    network.closed_on = datetime.date(2026, 6, 30)
    network.close_reason = "Uppdraget är slutfört."
    network.save()
    notices.network_closed(network, [cast.people["member"]])
    notice = Notification.objects.get(kind="network_closed", recipient=cast.people["member"])
    assert notice.body.startswith("Nätverket för AI i offentlig verksamhet avslutades 2026-06-30")
    assert "Nätverket Nätverket" not in notice.body
    page = client_for("member").get(reverse("notifications:detail", args=[notice.pk]))
    body = page.content.decode()
    assert "Gå till det som notisen gäller" in body
