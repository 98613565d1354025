"""Every page for anonymous, reader, member, secretary, coordinator, secretariat and an
outsider (STYLE habit 8): a truth table of status codes."""

import pytest
from django.urls import reverse

from samverkan.networks.models import Membership

WHO = ["anonymous", "reader", "member", "secretary", "coordinator", "secretariat", "outsider"]
LOGIN = 302


def expect(table: dict[str, int]) -> list[tuple[str, int]]:
    return [(who, table[who]) for who in WHO]


PAGES = {
    "home": (lambda c: reverse("home"), dict.fromkeys(WHO, 200)),
    "catalogue": (
        lambda c: reverse("networks:catalogue"),
        {**dict.fromkeys(WHO, 200), "anonymous": LOGIN},
    ),
    "detail": (
        lambda c: reverse("networks:detail", args=[c.network.slug]),
        {**dict.fromkeys(WHO, 200), "anonymous": 404},
    ),
    "plan_edit": (
        lambda c: reverse("networks:plan_edit", args=[c.network.slug, 2026]),
        {**dict.fromkeys(WHO, 403), "anonymous": LOGIN, "coordinator": 200, "secretariat": 200},
    ),
    "members": (
        lambda c: reverse("networks:members", args=[c.network.slug]),
        {**dict.fromkeys(WHO, 200), "anonymous": LOGIN},
    ),
    "dashboard": (
        lambda c: reverse("dashboard:dashboard"),
        {**dict.fromkeys(WHO, 403), "anonymous": LOGIN, "secretariat": 200},
    ),
    "me": (lambda c: reverse("people:me"), {**dict.fromkeys(WHO, 200), "anonymous": LOGIN}),
}

CASES = [(page, who, code) for page, (_, table) in PAGES.items() for who, code in expect(table)]


@pytest.mark.parametrize(("page", "who", "code"), CASES)
def test_page_access(cast, client_for, page, who, code):
    url = PAGES[page][0](cast)
    assert client_for(who).get(url).status_code == code


@pytest.mark.parametrize("who", WHO)
def test_ending_a_membership_only_for_editors(cast, client_for, who):
    membership = Membership.objects.get(network=cast.network, person=cast.people["member"])
    url = reverse("networks:member_end", args=[cast.network.slug, membership.pk])
    response = client_for(who).post(url)
    membership.refresh_from_db()
    if who in ("coordinator", "secretariat"):
        assert response.status_code == 302
        assert membership.end_on is not None
    else:
        assert response.status_code in (302, 403) if who == "anonymous" else 403
        assert membership.end_on is None


def test_published_catalogue_is_open_without_contact_details(cast, client):
    cast.cooperation.publish_catalogue = True
    cast.cooperation.save()
    assert client.get(reverse("networks:catalogue")).status_code == 200
    response = client.get(reverse("networks:detail", args=[cast.network.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kim Samordnare" in body  # the coordinator's name is public …
    assert cast.people["coordinator"].email not in body  # … the contact details are not (N6)


def test_signed_in_reader_sees_contact_details_N6(cast, client_for):
    response = client_for("reader").get(reverse("networks:detail", args=[cast.network.slug]))
    assert cast.people["coordinator"].email in response.content.decode()


def test_history_shown_to_members_not_to_readers(cast, client_for):
    from samverkan.networks import services

    services.save_year_plan(
        cast.user("coordinator"),
        cast.network,
        year=2026,
        purpose="Syfte",
        goals="Mål",
        meeting_organisation="Möten",
        contribution="Bidrag",
    )
    url = reverse("networks:detail", args=[cast.network.slug])
    assert "Historik" in client_for("member").get(url).content.decode()
    assert "Historik" not in client_for("reader").get(url).content.decode()
