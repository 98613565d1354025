"""The register import (issue 14, part 1): what a good file does, through the rooms' services,
and that the same file again, or a dry run, writes nothing."""

import datetime

from django.urls import reverse

from samverkan.agreements.models import OnboardingTask
from samverkan.cooperation.models import ManagementContact
from samverkan.history.models import HistoryEntry
from samverkan.networks.models import Membership, Network, Participation
from samverkan.notifications.models import Notification
from samverkan.people.models import Person
from tests.agreements.helpers import adopt
from tests.helpers import today
from tests.imports.helpers import MEMBERSHIPS, PEOPLE, book, counts, run


def test_a_good_file_makes_networks_people_memberships_and_contacts(cast):
    report = run(cast, book())
    assert report.ok and report.applied, report.lines()
    network = Network.objects.get(name="Biblioteksnätverket")
    assert network.slug == "biblioteksnatverket"
    assert network.status == Network.Status.ACTIVE
    assert network.area == cast.area
    assert network.started_on == datetime.date(2023, 3, 1)
    assert "biblioteksnätverket" in network.search_text  # the catalogue's search finds it
    joined = Participation.objects.filter(network=network).order_by("municipality__name")
    assert [(p.municipality.name, p.joined_on) for p in joined] == [
        ("Bjuv", datetime.date(2023, 3, 1)),
        ("Klippan", datetime.date(2023, 3, 1)),
    ]
    bo = Person.objects.get(email="bo.bok@bjuv.example.se")
    assert (bo.name, bo.title, bo.municipality, bo.unit, bo.phone) == (
        "Bo Bok",
        "Bibliotekschef",
        cast.muni("Bjuv"),
        "Kultur",
        "042-1",
    )
    lena = Person.objects.get(email="lena.las@klippan.example.se")  # stored lower-cased
    assert lena.municipality == cast.muni("Klippan")  # by SCB code
    roles = {
        (m.person.name, m.role, m.start_on, m.municipality.name)
        for m in Membership.objects.filter(network=network)
    }
    assert roles == {
        ("Bo Bok", "coordinator", datetime.date(2023, 3, 1), "Bjuv"),
        ("Bo Bok", "member", datetime.date(2023, 3, 1), "Bjuv"),
        ("Lena Läs", "member", today(), "Klippan"),  # an empty Från: from today
    }
    assert ManagementContact.objects.filter(
        municipality=cast.muni("Bjuv"), area=cast.area, person=bo
    ).exists()


def test_the_new_network_is_in_the_catalogue_with_its_coordinator(cast, client_for):
    run(cast, book())
    html = client_for("reader").get(reverse("networks:catalogue")).content.decode()
    assert "Biblioteksnätverket" in html
    assert "Bo Bok (Bjuv)" in html


def test_the_history_records_the_import_as_the_verb_with_the_actor(cast):
    before = HistoryEntry.objects.count()
    run(cast, book())
    entries = HistoryEntry.objects.filter(pk__gt=0).order_by("pk")[before:]
    assert entries, "the import wrote no history"
    assert {e.verb for e in entries} == {"import_register"}
    assert {e.actor_id for e in entries} == {cast.user("secretariat").pk}
    models = {e.content_type.model for e in entries}
    assert {"network", "participation", "person", "membership", "managementcontact"} <= models
    network = Network.objects.get(name="Biblioteksnätverket")
    assert HistoryEntry.objects.filter(network=network, verb="import_register").exists()


def test_importing_the_same_file_again_changes_nothing_and_says_so(cast):
    first = run(cast, book())
    assert first.applied
    before = counts()
    again = run(cast, book())
    assert again.ok and not again.has_changes and not again.applied
    assert "Ingenting att ändra" in again.verdict()
    assert [(s.title, s.new, s.changed, s.unchanged) for s in again.sheets] == [
        ("Nätverk", 0, 0, 1),
        ("Personer", 0, 0, 2),
        ("Medlemskap", 0, 0, 3),
        ("Förvaltningsledning", 0, 0, 1),
    ]
    assert counts() == before


def test_a_dry_run_writes_nothing(cast):
    before = counts()
    report = run(cast, book(), dry_run=True)
    assert report.ok and report.has_changes and not report.applied
    assert [(s.title, s.new) for s in report.sheets] == [
        ("Nätverk", 1),
        ("Personer", 2),
        ("Medlemskap", 3),
        ("Förvaltningsledning", 1),
    ]
    assert "Provkörning" in report.verdict()
    assert counts() == before


def test_people_are_matched_by_email_whatever_the_case_and_changes_are_listed(cast):
    member = cast.people["member"]
    rows = [PEOPLE, [member.email.upper(), "Maja Medlem", "Socialchef", "", "", ""]]
    report = run(
        cast,
        book(
            **{"Personer": rows, "Nätverk": None, "Medlemskap": None, "Förvaltningsledning": None}
        ),
        dry_run=True,
    )
    (people,) = report.sheets
    assert (people.new, people.changed, people.unchanged) == (0, 1, 0)
    (change,) = people.changes
    assert change.what == member.email
    assert [(f.heading, f.before, f.after) for f in change.fields] == [
        ("Titel", "Testtitel", "Socialchef")
    ]
    run(
        cast,
        book(
            **{"Personer": rows, "Nätverk": None, "Medlemskap": None, "Förvaltningsledning": None}
        ),
    )
    member.refresh_from_db()
    assert member.title == "Socialchef"
    assert member.phone == "042-10 00 00"  # an empty cell leaves it as it is
    assert Person.objects.filter(email__iexact=member.email).count() == 1


def test_networks_are_matched_by_name_or_slug(cast):
    rows = [
        ["Namn", "Kortnamn", "Verksamhetsområde", "Beskrivning"],
        ["SOCIALCHEFSNÄTVERKET", "", "Socialtjänst", "Ny beskrivning"],
        ["IT-chefernas nätverk", "it-chefsnatverket", "Socialtjänst", ""],
    ]
    report = run(
        cast,
        book(
            **{"Nätverk": rows, "Personer": None, "Medlemskap": None, "Förvaltningsledning": None}
        ),
    )
    assert report.applied, report.lines()
    (networks,) = report.sheets
    assert (networks.new, networks.changed) == (0, 2)
    cast.network.refresh_from_db()
    cast.other_network.refresh_from_db()
    assert cast.network.description == "Ny beskrivning"
    assert cast.other_network.name == "IT-chefernas nätverk"  # renamed, found by its slug
    assert Network.objects.count() == 2


def test_a_membership_end_date_ends_it_through_the_service(cast):
    end = today() - datetime.timedelta(days=1)
    rows = [
        MEMBERSHIPS,
        ["socialchefsnatverket", cast.people["member"].email, "Medlem", "", "", end],
    ]
    report = run(
        cast,
        book(
            **{"Medlemskap": rows, "Nätverk": None, "Personer": None, "Förvaltningsledning": None}
        ),
    )
    (memberships,) = report.sheets
    assert (memberships.new, memberships.changed) == (0, 1)
    assert [(f.heading, f.before, f.after) for f in memberships.changes[0].fields] == [
        ("Till", "", end.isoformat())
    ]
    membership = Membership.objects.get(
        network=cast.network, person=cast.people["member"], role=Membership.Role.MEMBER
    )
    assert membership.end_on == end
    entry = HistoryEntry.objects.filter(object_pk=str(membership.pk)).order_by("-pk").first()
    assert entry.verb == "import_register" and "end_on" in entry.changes_dict


def test_onboarding_tasks_arise_for_new_members_PR3(cast):
    adopt(cast)  # the agreement names an onboarding representative (PR3)
    Membership.objects.create(
        network=cast.network,
        person=cast.people["coordinator"],
        role=Membership.Role.ONBOARDING,
        start_on=datetime.date(2020, 1, 1),
    )
    rows = [MEMBERSHIPS, ["Socialchefsnätverket", "bo.bok@bjuv.example.se", "Medlem", "", "", ""]]
    run(cast, book(**{"Medlemskap": rows, "Nätverk": None, "Förvaltningsledning": None}))
    task = OnboardingTask.objects.get(membership__person__email="bo.bok@bjuv.example.se")
    assert task.representative == cast.people["coordinator"]


def test_everyone_named_gets_an_account_and_one_activation_notice(cast):
    run(cast, book())
    for email in ("bo.bok@bjuv.example.se", "lena.las@klippan.example.se"):
        person = Person.objects.get(email=email)
        assert person.user is not None and not person.user.has_usable_password()
        assert Notification.objects.filter(recipient=person, kind="activation").count() == 1


def test_the_template_example_rows_are_never_imported(cast):
    from samverkan.imports.sheets import EXAMPLE_EMAIL, EXAMPLE_NETWORK

    rows = [
        PEOPLE,
        [EXAMPLE_EMAIL, "Anna Exempel", "", "", "", ""],
        ["ny@bjuv.example.se", "Ny Person", "", "", "", ""],
    ]
    nets = [["Namn", "Verksamhetsområde"], [EXAMPLE_NETWORK, "Socialtjänst"]]
    report = run(
        cast,
        book(
            **{"Personer": rows, "Nätverk": nets, "Medlemskap": None, "Förvaltningsledning": None}
        ),
    )
    assert report.applied
    assert not Person.objects.filter(email=EXAMPLE_EMAIL).exists()
    assert not Network.objects.filter(name=EXAMPLE_NETWORK).exists()
    assert any("exempelrad" in n for n in report.notes)
