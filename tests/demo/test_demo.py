"""load_demo (issue 7 item 8): idempotent, the eleven, about 45 networks, every verdict on the
dashboard, and every demo login signs in with its role."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

from samverkan.cooperation.models import (
    Cooperation,
    DevelopmentPlan,
    ManagementContact,
    Municipality,
    Organisation,
)
from samverkan.demo.build import LOGINS, PASSWORD
from samverkan.history.models import HistoryEntry
from samverkan.networks import access
from samverkan.networks.models import Membership, Network, YearPlan
from samverkan.people.access import is_secretariat
from samverkan.people.models import Person, User


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_twice_and_every_verdict_on_the_dashboard():
    first = run("load_demo")
    counts = (Network.objects.count(), Person.objects.count(), HistoryEntry.objects.count())

    second = run("load_demo")

    assert "Demo-inloggningar (lösenord: samverkan-demo):" in first
    assert "Demodata finns redan" in second
    for email, _ in LOGINS:
        assert email in first and email in second
    assert (Network.objects.count(), Person.objects.count(), HistoryEntry.objects.count()) == (
        counts
    )
    assert Cooperation.objects.get().name == "Familjen Helsingborg"
    assert Municipality.objects.count() == 11
    assert Municipality.objects.get(code="1283").population_figures.get().population == 150975
    assert counts[0] >= 41
    assert Organisation.objects.get(is_region=True).name == "Region Skåne"
    assert DevelopmentPlan.objects.filter(start_year=2020, end_year=2023).get().areas.count() == 4
    assert HistoryEntry.objects.filter(verb="load_demo").exists()

    # Issue 12: everyone the demo names can sign in or was e-mailed an activation link; the
    # second run sends nothing again.
    from samverkan.accounts.activation.services import KIND, can_sign_in
    from samverkan.notifications.models import Notification

    emailed = set(
        Notification.objects.filter(kind=KIND)
        .exclude(email_status=Notification.EmailStatus.SKIPPED)
        .values_list("recipient_id", flat=True)
    )
    named = Person.objects.exclude(email="").select_related("user")
    stranded = [p.email for p in named if not can_sign_in(p) and p.pk not in emailed]
    assert stranded == []
    assert len(emailed) > 400
    assert f"Aktiveringsmejl skickade till {len(emailed)} personer" in first
    assert "Aktiveringsmejl" not in second

    doc = json.loads(run("compliance", "--format", "json"))
    verdicts = {
        rule["verdict"] for net in doc["networks"].values() for rule in net["rules"].values()
    }
    assert verdicts == {"ok", "warning", "missing", "not_applicable"}
    rules = doc["networks"]
    for rule_id in ("N1", "N3", "N4", "N6"):
        assert any(n["rules"][rule_id]["verdict"] == "missing" for n in rules.values()), rule_id
    for rule_id in ("N1", "N2", "N3", "N6"):
        assert any(n["rules"][rule_id]["verdict"] == "warning" for n in rules.values()), rule_id
    assert {n["status"] for n in rules.values()} == {"proposed", "starting", "active", "closed"}


@pytest.mark.django_db
def test_socialchefsnatverket_from_seed_003():
    run("load_demo")
    network = Network.objects.get(slug="socialchefsnatverket")
    today_year = YearPlan.objects.filter(network=network).order_by("-year")[1].year

    assert network.area.name == "Socialtjänst"
    assert network.participations.count() == 11
    members = network.memberships.filter(role=Membership.Role.MEMBER)
    assert sorted(str(m.municipality) for m in members) == sorted(
        Municipality.objects.values_list("name", flat=True)
    )
    secretary = network.memberships.get(role=Membership.Role.SECRETARY).person
    assert secretary.title == "Planeringsledare"
    adopted = network.year_plans.filter(state=YearPlan.State.ADOPTED).order_by("year")
    assert [p.year for p in adopted] == [today_year - 1, today_year]
    assert "Bli en drivande kraft i socialtjänstfrågor" in adopted[1].purpose
    assert "ca tio tillfällen per år" in adopted[1].meeting_organisation
    assert "socialchefsnätverket" in network.search_text


@pytest.mark.django_db
def test_each_demo_login_signs_in_with_its_role():
    run("load_demo")
    network = Network.objects.get(slug="socialchefsnatverket")

    for email, _ in LOGINS:
        assert Client().login(email=email, password=PASSWORD), email

    def user(email: str) -> User:
        return User.objects.get(email=email)

    secretariat = user("sekretariatet@demo.se")
    assert is_secretariat(secretariat) and secretariat.is_staff
    assert access.can_edit_network(user("samordnare@demo.se"), network)
    member = user("medlem@demo.se")
    assert access.can_read_internal(member, network)
    assert not access.can_edit_network(member, network)
    reader = user("lasare@demo.se")
    assert not access.network_roles(reader) and not is_secretariat(reader)
    for email in ("socialchef.helsingborg@demo.se", "socialchef.landskrona@demo.se"):
        contact = ManagementContact.objects.get(person__user__email=email)
        assert contact.area.name == "Socialtjänst"
    assert ManagementContact.objects.filter(area__name="IT").count() == 11


def test_load_demo_leaves_a_database_with_other_data_alone(cast):
    networks = Network.objects.count()
    err = io.StringIO()

    call_command("load_demo", stdout=io.StringIO(), stderr=err)

    assert "läses bara in i en tom databas" in err.getvalue()
    assert Network.objects.count() == networks
    assert not User.objects.filter(email=LOGINS[0][0]).exists()
