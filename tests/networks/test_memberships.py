"""Members and roles over time (N4, N6)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.networks import services
from samverkan.networks.models import Membership
from samverkan.people.models import Person


def test_coordinator_change_keeps_history_and_n4_follows_N4(cast):
    secretariat = cast.user("secretariat")
    old = Membership.objects.get(network=cast.network, role=Membership.Role.COORDINATOR)
    services.end_membership(secretariat, old, end_on=datetime.date(2026, 3, 31))
    day = datetime.date(2026, 4, 2)
    assert evaluate([cast.network], day)[0].verdicts["N4"].status == Status.MISSING
    services.add_membership(
        secretariat,
        cast.network,
        person=cast.people["member"],
        role=Membership.Role.COORDINATOR,
        start_on=datetime.date(2026, 4, 1),
    )
    assert evaluate([cast.network], day)[0].verdicts["N4"].status == Status.OK
    rows = Membership.objects.filter(network=cast.network, role=Membership.Role.COORDINATOR)
    assert rows.count() == 2  # the former coordinator stays in the history


def test_adding_same_role_twice_is_idempotent(cast):
    coordinator = cast.user("coordinator")
    first = services.add_membership(coordinator, cast.network, person=cast.people["reader"])
    second = services.add_membership(coordinator, cast.network, person=cast.people["reader"])
    assert first.pk == second.pk


def test_member_cannot_add_people(cast):
    with pytest.raises(PermissionDenied):
        services.add_membership(cast.user("member"), cast.network, person=cast.people["reader"])


def test_add_new_person_from_members_page(cast, client_for):
    url = reverse("networks:members", args=[cast.network.slug])
    response = client_for("coordinator").post(
        url,
        {
            "email": "ny.person@bjuv.example.se",
            "name": "Ny Person",
            "title": "Socialchef",
            "municipality": cast.muni("Bjuv").pk,
            "role": "member",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(email="ny.person@bjuv.example.se")
    assert Membership.objects.filter(network=cast.network, person=person).exists()


def test_unknown_email_without_name_gives_swedish_message_and_writes_nothing(cast, client_for):
    url = reverse("networks:members", args=[cast.network.slug])
    before = Person.objects.count()
    response = client_for("coordinator").post(url, {"email": "okand@example.se", "role": "member"})
    assert response.status_code == 200
    assert "Ange namn" in response.content.decode()
    assert Person.objects.count() == before


def test_own_contact_confirmation_clears_n6_warning_N6(cast, client_for):
    member = cast.people["member"]
    member.contact_confirmed_on = datetime.date(2020, 1, 1)
    member.save()
    today = datetime.date.today()
    assert evaluate([cast.network], today)[0].verdicts["N6"].status == Status.WARNING
    response = client_for("member").post(
        reverse("people:me"), {"email": member.email, "phone": "0701-234567"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.contact_confirmed_on == today and member.phone == "0701-234567"
    assert evaluate([cast.network], today)[0].verdicts["N6"].status == Status.OK
