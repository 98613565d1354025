"""Smaller things a user noticed (issue 16, point 14): a person with two roles is listed once
with both; the start-up page shows S2 as done only when there is a yes."""

import re

from django.urls import reverse

from samverkan.networks.lifecycle import services as lifecycle
from tests.networks.starting_cast import propose


def _rows_naming(body: str, name: str) -> list[str]:
    return [row for row in re.findall(r"<tr>.*?</tr>", body, re.S) if name in row]


def test_a_person_with_two_roles_is_listed_once_with_both_on_the_network_page(cast, client_for):
    page = client_for("coordinator").get(reverse("networks:detail", args=[cast.network.slug]))
    [row] = _rows_naming(page.content.decode(), "Kim Samordnare")
    assert "Samordnare, Medlem" in row
    [row] = _rows_naming(page.content.decode(), "Sara Sekreterare")
    assert "Medlem, Sekreterare" in row


def test_a_person_with_two_roles_is_listed_once_on_the_municipality_page(cast, client_for):
    url = reverse("municipalities:detail", args=[cast.muni("Landskrona").slug])
    body = client_for("secretariat").get(url).content.decode()
    rows = _rows_naming(body, "Kim Samordnare")
    assert len(rows) == 1 and "Samordnare, Medlem" in rows[0]


def test_the_start_page_says_S2_is_not_done_before_anyone_said_yes_S2(cast, client_for):
    proposal = propose(cast)
    url = reverse("networks:progress", args=[proposal.network.slug])
    body = client_for("secretariat").get(url).content.decode()
    [line] = [li for li in re.findall(r"<li>.*?</li>", body, re.S) if "S2 " in li]
    assert "ej klart" in line and "ingen kommun har sagt ja än" in line


def test_the_start_page_says_S2_is_done_once_each_yes_was_consulted_S2(cast, client_for):
    proposal = propose(cast)
    bjuv = proposal.participation("Bjuv")
    lifecycle.answer_invitation(proposal.contacts["Bjuv"].user, bjuv, answer="yes")
    url = reverse("networks:progress", args=[proposal.network.slug])
    body = client_for("secretariat").get(url).content.decode()
    [line] = [li for li in re.findall(r"<li>.*?</li>", body, re.S) if "S2 " in li]
    assert "klart" in line and "ej klart" not in line
