"""Calendar feeds whose secrets cannot leak from the database and that end when they should
(issue 13, part 4): only a hash of the secret is stored and the address is shown once; a
network's feed is per person and ends when that person leaves the network; a feed may have a
last day, after which it answers 404 with nothing in it."""

import datetime
import hashlib
import re

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from samverkan.history.models import HistoryEntry
from samverkan.meetings import feeds, services
from samverkan.meetings.models import CalendarFeed
from samverkan.networks import services as network_services
from samverkan.networks.models import Membership
from tests.meetings.conftest import at

DAY = datetime.date(2026, 4, 7)
MY_FEED = "/min-sida/kalender/"


@pytest.fixture
def meeting(scn):
    return services.schedule_meeting(
        scn.user("secretary"),
        scn.network,
        starts_at=at(DAY, 9),
        ends_at=at(DAY, 12),
        place="Kommunhuset, Bjuv",
    )


def network_feed_page(cast) -> str:
    return f"/natverk/{cast.network.slug}/moten/kalender/"


def shown_address(response) -> str:
    """The secret address on the page answering the form, the one time it is shown."""
    assert response.status_code == 200
    found = re.search(
        r'id="feed-url" type="text" readonly value="([^"]+)"', response.content.decode()
    )
    assert found, "the new address is shown on the page that answers the form"
    return found.group(1)


def path_of(address: str) -> str:
    return address.removeprefix(settings.SITE_URL.rstrip("/"))


def secret_of(address: str) -> str:
    return path_of(address).removeprefix("/kalender/").removesuffix(".ics")


def everything_stored_about(feed: CalendarFeed) -> str:
    """Every column of the feed's row and of its history entries, as text."""
    row = CalendarFeed.objects.filter(pk=feed.pk).values().get()
    entries = HistoryEntry.objects.filter(
        content_type__model="calendarfeed", object_pk=str(feed.pk)
    ).values()
    return repr(row) + repr(list(entries))


# ---- stored hashed, shown once -----------------------------------------------------------------


def test_feed_secret_is_stored_only_as_a_hash(scn, client_for, meeting):
    """An insider with the database (or the admin, or the history) cannot rebuild a feed's
    address: before issue 13 the secret sat in clear in calendarfeed.token."""
    address = shown_address(client_for("member").post(MY_FEED, {"action": "create"}))
    secret = secret_of(address)
    feed = CalendarFeed.objects.get(person=scn.people["member"], revoked_at__isnull=True)
    assert feed.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in everything_stored_about(feed)
    # …and yet the address works
    response = Client().get(path_of(address))
    assert response.status_code == 200
    assert meeting.uid in response.content.decode()


def test_address_is_shown_once_and_never_again(scn, client_for):
    client = client_for("member")
    address = shown_address(client.post(MY_FEED, {"action": "create"}))
    made = client.post(MY_FEED, {"action": "create"})  # again: the live feed, not its address
    assert made.status_code == 302
    for page in ("/min-sida/", made["Location"]):
        body = client.get(page).content.decode()
        assert secret_of(address) not in body
        assert "Byt adress" in body
    assert "Adressen visas bara när den skapas" in client.get("/min-sida/").content.decode()


def test_made_address_page_is_not_cached(scn, client_for):
    response = client_for("member").post(MY_FEED, {"action": "create"})
    assert response["Cache-Control"] == "no-store"
    assert "visas bara den här gången" in response.content.decode()


def test_admin_shows_no_secret(scn, client_for):
    from samverkan.people.models import User

    address = shown_address(client_for("member").post(MY_FEED, {"action": "create"}))
    User.objects.filter(pk=scn.user("secretariat").pk).update(is_staff=True, is_superuser=True)
    admin = client_for("secretariat")
    feed = CalendarFeed.objects.get()
    listing = admin.get("/admin/meetings/calendarfeed/").content.decode()
    change = admin.get(f"/admin/meetings/calendarfeed/{feed.pk}/change/").content.decode()
    for body in (listing, change):
        assert secret_of(address) not in body
        assert feed.token_hash not in body


# ---- a network's feed is per person ------------------------------------------------------------


def test_network_feed_ends_when_its_person_leaves_the_network(scn, client_for, meeting):
    """The attack: a member leaves the network and keeps reading its meetings through the
    network feed's address they subscribed to. Now the address is the member's own and
    answers 404, with nothing of the network, once they are no longer in it."""
    address = shown_address(client_for("member").post(network_feed_page(scn), {"action": "create"}))
    assert Client().get(path_of(address)).status_code == 200
    membership = Membership.objects.get(
        network=scn.network, person=scn.people["member"], role=Membership.Role.MEMBER
    )
    # the end day is the last day in the network; from the next day the address is dead
    network_services.end_membership(
        scn.user("coordinator"), membership, end_on=timezone.localdate() - datetime.timedelta(1)
    )
    response = Client().get(path_of(address))
    assert response.status_code == 404
    body = response.content.decode()
    assert meeting.uid not in body and scn.network.name not in body
    # the other members' own addresses go on working
    other = shown_address(
        client_for("secretary").post(network_feed_page(scn), {"action": "create"})
    )
    assert Client().get(path_of(other)).status_code == 200


def test_each_member_gets_an_address_of_their_own(scn, client_for):
    mine = shown_address(client_for("member").post(network_feed_page(scn), {"action": "create"}))
    theirs = shown_address(
        client_for("secretary").post(network_feed_page(scn), {"action": "create"})
    )
    assert mine != theirs
    live = CalendarFeed.objects.filter(network=scn.network, revoked_at__isnull=True)
    assert {f.person for f in live} == {scn.people["member"], scn.people["secretary"]}


def test_feed_of_a_deactivated_account_answers_404(scn, client_for, meeting):
    address = shown_address(client_for("member").post(MY_FEED, {"action": "create"}))
    user = scn.user("member")
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = Client().get(path_of(address))
    assert response.status_code == 404
    assert meeting.uid not in response.content.decode()


# ---- expiry ------------------------------------------------------------------------------------


def test_feed_works_through_its_last_day_and_not_after(scn, client_for, meeting):
    today = timezone.localdate()
    response = client_for("member").post(
        MY_FEED, {"action": "create", "expires_on": today.isoformat()}
    )
    address = shown_address(response)
    assert f"Adressen gäller till och med {today:%Y-%m-%d}" in response.content.decode()
    assert Client().get(path_of(address)).status_code == 200
    CalendarFeed.objects.filter(revoked_at__isnull=True).update(
        expires_on=today - datetime.timedelta(days=1)
    )
    expired = Client().get(path_of(address))
    assert expired.status_code == 404
    assert meeting.uid not in expired.content.decode()
    assert "Den gick ut" in client_for("member").get("/min-sida/").content.decode()
    renewed = shown_address(client_for("member").post(MY_FEED, {"action": "renew"}))
    assert Client().get(path_of(renewed)).status_code == 200


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2001-01-01", "Sista giltighetsdag kan inte ligga före i dag."),
        ("i morgon", "Ange sista giltighetsdag som ÅÅÅÅ-MM-DD."),
    ],
)
def test_bad_last_day_is_refused_in_swedish_and_makes_no_feed(scn, client_for, value, message):
    response = client_for("member").post(
        MY_FEED, {"action": "create", "expires_on": value}, follow=True
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_api_feed_takes_a_last_day_and_gives_the_address_once(scn, client_for):
    client = client_for("member")
    last = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    made = client.post(
        "/api/v1/me/calendar-feed",
        {"action": "create", "expires_on": last},
        content_type="application/json",
    ).json()
    assert made["url"].endswith(".ics") and made["expires_on"] == last
    shown = client.post(
        "/api/v1/me/calendar-feed", {"action": "create"}, content_type="application/json"
    ).json()
    assert shown["url"] is None and shown["expires_on"] == last
    past = client.post(
        "/api/v1/me/calendar-feed",
        {"action": "renew", "expires_on": "2001-01-01"},
        content_type="application/json",
    )
    assert past.status_code == 400
    assert past.json()["error"]["message"] == "Sista giltighetsdag kan inte ligga före i dag."


def test_only_the_person_changes_their_feed(scn):
    feed, _secret = feeds.create_feed(scn.user("member"), person=scn.people["member"])
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        feeds.revoke_feed(scn.user("coordinator"), feed)
    with pytest.raises(PermissionDenied):
        feeds.renew_feed(scn.user("secretariat"), feed)


# ---- the migration -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_migration_hashes_existing_secrets_and_ends_shared_network_feeds():
    """Feeds made before issue 13 keep their addresses (the secret is hashed in place); the
    shared network feeds, whose holders nobody knows, are revoked."""
    if not MigrationExecutor(connection).loader.migrated_apps:
        pytest.skip("migrations are off (--nomigrations)")
    before = [("meetings", "0001_initial")]
    after = [("meetings", "0002_calendar_feed_hashed_per_person")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    executor = MigrationExecutor(connection)  # the other apps stay where they are
    old_apps = executor.loader.project_state(list(executor.loader.applied_migrations)).apps
    Person = old_apps.get_model("people", "Person")
    Network = old_apps.get_model("networks", "Network")
    Area = old_apps.get_model("cooperation", "Area")
    OldFeed = old_apps.get_model("meetings", "CalendarFeed")
    person = Person.objects.create(name="Maja Medlem", email="maja@example.se")
    area = Area.objects.create(name="Socialtjänst")
    network = Network.objects.create(name="Nätet", slug="natet", area=area)
    personal = OldFeed.objects.create(person=person, token="personlig-hemlighet")
    shared = OldFeed.objects.create(network=network, token="delad-hemlighet")

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    new_apps = executor.loader.project_state(list(executor.loader.applied_migrations)).apps
    NewFeed = new_apps.get_model("meetings", "CalendarFeed")
    personal_now = NewFeed.objects.get(pk=personal.pk)
    shared_now = NewFeed.objects.get(pk=shared.pk)
    assert personal_now.token_hash == hashlib.sha256(b"personlig-hemlighet").hexdigest()
    assert personal_now.revoked_at is None
    assert shared_now.token_hash == hashlib.sha256(b"delad-hemlighet").hexdigest()
    assert shared_now.revoked_at is not None

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
