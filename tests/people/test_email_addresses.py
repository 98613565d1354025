"""Issue 12, item 6: e-mail addresses that cannot be taken over.

One Person per address (case-insensitive, a database constraint); a person changing their own
address keeps the old one until the new one is verified; an unverified address is never used
to match, invite or sign in."""

import datetime
import importlib
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import admin
from django.core import mail, signing
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from samverkan.core.errors import ServiceError
from samverkan.history.models import HistoryEntry
from samverkan.notifications.delivery import build_message
from samverkan.notifications.services import notify
from samverkan.people import addresses
from samverkan.people.admin import PersonAdminForm
from samverkan.people.models import Person, User
from samverkan.people.services import confirm_contact_details, find_or_create_person
from samverkan.surveys.models import DirectorsGroupMember
from tests.cast import PASSWORD

DIRECTOR = "dora.direktor@bjuv.example.se"
OLD = "rita.lasare@example.se"
NEW = "rita.ny@bjuv.example.se"
OTHER_NEW = "rita.tredje@bjuv.example.se"
TAKEN = "Adressen används redan av en annan person."


def change_own_email(client, person, email):
    return client.post(
        reverse("people:me"),
        {"title": person.title, "unit": person.unit, "email": email, "phone": person.phone},
    )


def test_a_reader_cannot_take_a_directors_place_by_claiming_her_address(
    cast, client_for, django_capture_on_commit_callbacks
):
    """The attack on main: the reader set her own e-mail to the director's address and was
    added in the director's place when the secretariat added the director."""
    reader = cast.people["reader"]
    with django_capture_on_commit_callbacks(execute=True):
        change_own_email(client_for("reader"), reader, DIRECTOR)
    response = client_for("secretariat").post(
        reverse("surveys:directors"), {"email": DIRECTOR, "name": "Dora Direktör"}
    )
    assert response.status_code == 302
    (member,) = DirectorsGroupMember.objects.select_related("person")
    assert member.person != reader
    assert member.person.name == "Dora Direktör"
    assert member.person.email == DIRECTOR
    reader.refresh_from_db()
    assert reader.email == "rita.lasare@example.se"
    # Her change waits for the director's mailbox; the link went there, to nobody she controls.
    assert reader.pending_email == DIRECTOR
    (sent,) = mail.outbox
    assert sent.to == [DIRECTOR]


# ---- an unverified address is never used to match, invite or sign in ------------------------


def ask_for_new_address(cast, client_for, capture, name="reader", email=NEW):
    person = cast.people[name]
    with capture(execute=True):
        response = change_own_email(client_for(name), person, email)
    assert response.status_code == 302
    person.refresh_from_db()
    return person


def link_in(message):
    (url,) = re.findall(r"https?://\S+", message.body)
    return url.removeprefix(settings.SITE_URL.rstrip("/"))


def test_changing_ones_own_address_keeps_the_old_one_until_the_new_is_verified(
    cast, client_for, django_capture_on_commit_callbacks
):
    client = client_for("reader")
    reader = cast.people["reader"]
    with django_capture_on_commit_callbacks(execute=True):
        response = change_own_email(client, reader, " Rita.Ny@Bjuv.Example.se ")
    reader.refresh_from_db()
    assert (reader.email, reader.pending_email) == (OLD, NEW)
    assert reader.pending_email_requested_at is not None
    assert reader.contact_confirmed_on == datetime.date.today()
    user = cast.user("reader")
    user.refresh_from_db()
    assert user.email == OLD
    (sent,) = mail.outbox
    assert sent.to == [NEW]
    assert "/personer/mig/bekrafta-epost/" in sent.body
    page = client.get(response.url).content.decode()
    expected = (
        f"Vi har skickat en länk till {NEW}. Din gamla adress gäller tills du har bekräftat "
        "den nya."
    )
    assert expected in page


def test_a_pending_address_matches_nobody(cast, client_for, django_capture_on_commit_callbacks):
    reader = ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks)
    with pytest.raises(ServiceError) as refused:
        find_or_create_person(cast.user("secretariat"), email=NEW)
    assert refused.value.field == "name"  # no person has it: the secretariat must name one
    found = find_or_create_person(cast.user("secretariat"), email=OLD.upper())
    assert found == reader


def test_a_pending_address_does_not_sign_in(cast, client_for, django_capture_on_commit_callbacks):
    ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks)
    url = reverse("account_login")
    refused = Client().post(url, {"login": NEW, "password": PASSWORD})
    assert refused.status_code == 200
    signed_in = Client().post(url, {"login": OLD, "password": PASSWORD})
    assert signed_in.status_code == 302


def test_notices_go_to_the_old_address_while_the_new_waits(
    cast, client_for, django_capture_on_commit_callbacks
):
    reader = ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks)
    (notice,) = notify([reader], kind="test", subject="Ämne", body="Text", key="issue12-item6")
    assert build_message(notice).to == [OLD]


# ---- the link moves the address ---------------------------------------------------------------


def test_the_link_makes_the_new_address_the_persons_and_the_sign_ins(
    cast, client_for, django_capture_on_commit_callbacks
):
    user = cast.user("reader")
    EmailAddress.objects.create(user=user, email=OLD, verified=True, primary=True)
    ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    client = client_for("reader")
    page = client.get(link)
    assert page.status_code == 200
    assert f"Vill du byta din e-postadress i Samverkan till {NEW}?" in page.content.decode()
    reader = cast.people["reader"]
    reader.refresh_from_db()
    assert reader.email == OLD  # opening the link (a mail scanner, say) changes nothing
    response = client.post(link)
    assert response.status_code == 302
    reader.refresh_from_db()
    user.refresh_from_db()
    assert (reader.email, reader.pending_email, reader.pending_email_requested_at) == (
        NEW,
        "",
        None,
    )
    assert user.email == NEW
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        (NEW, True)
    ]
    entry = HistoryEntry.objects.get_for_object(reader).get(verb="verify_email_change")
    assert entry.changes["email"] == [OLD, NEW]
    assert (
        Client().post(reverse("account_login"), {"login": NEW, "password": PASSWORD}).status_code
        == 302
    )
    assert (
        Client().post(reverse("account_login"), {"login": OLD, "password": PASSWORD}).status_code
        == 200
    )


def refused_link(client, link, message):
    for method in (client.get, client.post):
        response = method(link)
        assert response.status_code == 400
        html = response.content.decode()
        assert message in html
        assert "Din e-postadress är oförändrad." in html


def assert_unchanged(cast, pending=NEW):
    reader = cast.people["reader"]
    reader.refresh_from_db()
    user = cast.user("reader")
    user.refresh_from_db()
    assert (reader.email, reader.pending_email, user.email) == (OLD, pending, OLD)


def test_an_expired_link_is_refused(
    cast, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks)
    monkeypatch.setattr(addresses, "VALID_FOR", datetime.timedelta(seconds=-1))
    refused_link(client_for("reader"), link_in(mail.outbox[0]), "Länken har gått ut.")
    assert_unchanged(cast)


def test_a_tampered_link_is_refused(cast, client_for, django_capture_on_commit_callbacks):
    ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps({"p": cast.people["reader"].pk, "e": NEW}, salt="something else")
    for bad in (token[:-3] + "abc", forged):
        refused_link(
            client_for("reader"),
            reverse("people:verify_email", args=[bad]),
            "Länken är ogiltig.",
        )
    assert_unchanged(cast)


def test_another_persons_link_is_refused(cast, client_for, django_capture_on_commit_callbacks):
    ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks)
    refused_link(client_for("member"), link_in(mail.outbox[0]), "Länken är ogiltig.")
    assert_unchanged(cast)
    member = cast.people["member"]
    member.refresh_from_db()
    assert member.email == "maja.medlem@example.se"


def test_a_used_or_replaced_link_is_refused(cast, client_for, django_capture_on_commit_callbacks):
    ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks)
    first = link_in(mail.outbox[0])
    ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks, email=OTHER_NEW)
    refused_link(client_for("reader"), first, "Länken gäller inte längre")
    assert_unchanged(cast, pending=OTHER_NEW)
    second = link_in(mail.outbox[1])
    assert client_for("reader").post(second).status_code == 302
    refused_link(client_for("reader"), second, "Länken gäller inte längre")


def test_an_address_taken_meanwhile_is_refused_on_verifying(
    cast, client_for, django_capture_on_commit_callbacks
):
    ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks)
    find_or_create_person(cast.user("secretariat"), email=NEW, name="Någon Annan")
    refused_link(client_for("reader"), link_in(mail.outbox[0]), TAKEN)
    assert_unchanged(cast)


# ---- one person per address ------------------------------------------------------------------


def test_the_database_holds_one_person_per_address_whatever_the_case(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.bulk_create([Person(name="Kopia", email=OLD.upper())])
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="Kopia", email="Rita.Lasare@Example.se")
    Person.objects.create(name="Utan adress 1", email="")
    Person.objects.create(name="Utan adress 2", email="")  # no address is no conflict
    assert Person.objects.create(name="Ny", email="NY@Example.se").email == "ny@example.se"


def test_the_secretariat_sets_someone_elses_address_at_once(
    cast, django_capture_on_commit_callbacks
):
    member = cast.people["member"]
    with django_capture_on_commit_callbacks(execute=True):
        confirm_contact_details(
            cast.user("secretariat"), member, email="Maja.Ny@Klippan.Example.se"
        )
    member.refresh_from_db()
    member.user.refresh_from_db()
    assert (member.email, member.pending_email) == ("maja.ny@klippan.example.se", "")
    assert member.user.email == "maja.ny@klippan.example.se"
    assert mail.outbox == []


def test_the_secretariat_cannot_give_a_person_anothers_address(cast):
    member = cast.people["member"]
    with pytest.raises(ServiceError) as refused:
        confirm_contact_details(cast.user("secretariat"), member, email=OLD.upper(), phone="1")
    assert (refused.value.message, refused.value.field) == (TAKEN, "email")
    member.refresh_from_db()
    assert (member.email, member.phone) == ("maja.medlem@example.se", "042-10 00 00")


def test_a_person_cannot_ask_for_anothers_address(
    cast, client_for, django_capture_on_commit_callbacks
):
    member = cast.people["member"]
    with django_capture_on_commit_callbacks(execute=True):
        response = change_own_email(client_for("member"), member, OLD.upper())
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [TAKEN]
    member.refresh_from_db()
    assert (member.email, member.pending_email) == ("maja.medlem@example.se", "")
    assert mail.outbox == []


def test_the_admin_shows_a_taken_address_on_the_field(cast):
    member = cast.people["member"]
    data = {"name": member.name, "email": OLD.upper(), "title": "", "unit": "", "phone": ""}
    request = RequestFactory().get("/")
    request.user = User.objects.create_superuser("admin@example.se", PASSWORD)
    form_class = admin.site.get_model_admin(Person).get_form(request, member)
    form = form_class(data=data, instance=member)
    assert issubclass(form_class, PersonAdminForm)
    assert not form.is_valid()
    assert form.errors["email"] == [TAKEN]


def test_the_messages_are_english_for_english_speakers(
    cast, client_for, django_capture_on_commit_callbacks
):
    user = cast.user("reader")
    user.language = "en"
    user.save(update_fields=["language"])
    reader = ask_for_new_address(cast, client_for, django_capture_on_commit_callbacks)
    assert "Confirm your new e-mail address" in mail.outbox[0].subject
    page = client_for("reader").get(reverse("people:me")).content.decode()
    assert f"We have sent a link to {NEW}." in page
    with translation.override("en"), pytest.raises(ServiceError) as refused:
        confirm_contact_details(cast.user("secretariat"), cast.people["member"], email=reader.email)
    assert refused.value.message == "The address is already used by another person."


# ---- the migration that resolves the addresses people already share --------------------------

BEFORE = [("people", "0001_initial")]
RESOLVE = importlib.import_module("samverkan.people.migrations.0002_resolve_duplicate_emails")


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_each_shared_address_on_one_person_and_reports_it(capsys):
    """Shared addresses as they could be on main: the one whose account signs in with it keeps
    it, then anyone with an account, then the one most rows name, then the oldest."""
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldPerson, OldUser = old.get_model("people", "Person"), old.get_model("people", "User")
    owner = OldUser.objects.create(email="delad@example.se", password="!")
    other = OldUser.objects.create(email="annan@example.se", password="!")
    people = {
        name: OldPerson.objects.create(name=name, email=email, user=user).pk
        for name, email, user in [
            ("Först", "Delad@Example.se", None),
            ("Kontot", "delad@example.se", owner),
            ("Annat konto", "DELAD@example.se", other),
            ("Äldst", "tva@example.se", None),
            ("Yngst", "TVA@example.se", None),
            ("Ensam", "Ensam@Example.se", None),
            ("Utan", "", None),
            ("Utan igen", "", None),
        ]
    }
    try:
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    emails = dict(Person.objects.values_list("name", "email"))
    assert emails == {
        "Först": "",
        "Kontot": "delad@example.se",
        "Annat konto": "",
        "Äldst": "tva@example.se",
        "Yngst": "",
        "Ensam": "ensam@example.se",
        "Utan": "",
        "Utan igen": "",
    }
    report = capsys.readouterr().out
    assert f"delad@example.se: kept on {people['Kontot']} (Kontot)" in report
    assert (
        f"tva@example.se: kept on {people['Äldst']} (Äldst); cleared on {people['Yngst']}" in report
    )
    assert "ensam@example.se" not in report
    cleared = HistoryEntry.objects.filter(verb=RESOLVE.VERB)
    assert sorted(int(e.object_pk) for e in cleared) == sorted(
        [people["Först"], people["Annat konto"], people["Yngst"]]
    )
    assert {tuple(e.changes["email"]) for e in cleared} == {
        ("delad@example.se", ""),
        ("tva@example.se", ""),
    }
    assert User.objects.count() == 2  # nobody merged, no account touched
