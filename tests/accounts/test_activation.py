"""Issue 12, item 5: an account for everyone the system names.

A person named as member, coordinator, management contact or to the directors' group who
cannot sign in gets exactly one activation e-mail (through notify() and its task), with a
single-use link valid for ACTIVATION_DAYS; the secretariat sees who has not activated and can
send it again; a password reset for such a person sends the activation; the directors' group
opens every link it is sent."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samverkan.accounts.activation import services
from samverkan.accounts.activation.tokens import activation_token
from samverkan.core.errors import ServiceError
from samverkan.networks.lifecycle.services import add_management_contact
from samverkan.networks.models import Membership
from samverkan.networks.services import add_membership
from samverkan.notifications.models import Notification
from samverkan.people.models import Person
from samverkan.surveys.models import DirectorsGroupMember
from tests.helpers import assert_same_queries, capture_queries

NEW = "nora.ny@example.se"
LINK = re.compile(r"https?://\S+?(/konto/aktivera/[^/\s]+/[^/\s]+/)")
PASSWORD = "en-lang-fras-om-sommaren"


@pytest.fixture
def send(settings, django_capture_on_commit_callbacks):
    """E-mails go out as they would in production: notify() → on_commit → the task → the
    outbox; the immediate task backend runs the task at once."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


# Issue 16, point 5: a person added to a network is also welcomed to it, in an e-mail of its
# own; these tests are about the activation e-mails.
WELCOME = ("Välkommen till ", "Welcome to ")


def mails_to(email):
    return [m for m in mail.outbox if m.to == [email] and not m.subject.startswith(WELCOME)]


def link_in(message) -> str:
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def add_coordinator(client, network, email=NEW, name="Nora Ny"):
    return client.post(
        reverse("networks:members", args=[network.slug]),
        {"email": email, "name": name, "role": Membership.Role.COORDINATOR},
    )


def new_person(email=NEW, name="Nora Ny"):
    return Person.objects.create(name=name, email=email)


def activation_notices(person):
    return Notification.objects.filter(recipient=person, kind="activation")


# ---- one activation e-mail per person ----------------------------------------------------------


def test_new_coordinator_gets_exactly_one_activation_email(cast, client_for, send):
    response = send(add_coordinator, client_for("coordinator"), cast.network)
    assert response.status_code == 302
    (message,) = mails_to(NEW)
    assert message.subject == "Aktivera ditt konto i Samverkan"
    assert "Hej Nora Ny!" in message.body and "14 dagar" in message.body
    person = Person.objects.get(email=NEW)
    assert person.user is not None and person.user.email == NEW
    assert not person.user.has_usable_password()
    assert not services.has_activated(person)


def test_same_person_in_a_second_network_gets_none(cast, client_for, send):
    send(add_coordinator, client_for("coordinator"), cast.network)
    person = Person.objects.get(email=NEW)
    send(add_membership, cast.user("outsider"), cast.other_network, person=person)
    send(
        add_membership,
        cast.user("coordinator"),
        cast.network,
        person=person,
        role=Membership.Role.SECRETARY,
    )
    assert len(mails_to(NEW)) == 1
    assert activation_notices(person).count() == 1


def test_people_who_can_sign_in_or_have_no_email_get_nothing(cast, send):
    member = cast.people["member"]
    send(add_membership, cast.user("outsider"), cast.other_network, person=member)
    silent = Person.objects.create(name="Utan E-post")
    send(add_membership, cast.user("outsider"), cast.other_network, person=silent)
    assert mails_to(member.email) == []
    assert not activation_notices(member).exists() and not activation_notices(silent).exists()
    assert silent.user is None


def test_management_contact_and_director_are_invited(cast, client_for, send):
    send(
        add_management_contact,
        cast.user("secretariat"),
        cast.muni("Bjuv"),
        area=cast.area,
        email="ledning@bjuv.example.se",
        name="Lena Ledning",
    )
    send(
        client_for("secretariat").post,
        reverse("surveys:directors"),
        {"name": "Dora Direktör", "email": "dora@example.se"},
    )
    assert [m.subject for m in mails_to("ledning@bjuv.example.se")] == [
        "Aktivera ditt konto i Samverkan"
    ]
    assert [m.subject for m in mails_to("dora@example.se")] == ["Aktivera ditt konto i Samverkan"]


def test_where_the_municipality_has_a_provider_the_email_says_sign_in_with_it(cast, settings, send):
    from samverkan.accounts.oidc.providers import Provider, socialaccount_providers

    provider = Provider(
        id="kommun",
        name="Logga in med ditt kommunkonto",
        server_url="https://login.example.invalid",
        client_id="samverkan",
        secret="hemligt",
        domains=("bjuv.example.se",),
    )
    settings.SOCIALACCOUNT_PROVIDERS = socialaccount_providers([provider])
    person = new_person("kim@bjuv.example.se", "Kim Kommun")
    send(add_membership, cast.user("coordinator"), cast.network, person=person)
    (message,) = mails_to("kim@bjuv.example.se")
    assert message.subject == "Logga in i Samverkan med ditt kommunkonto"
    assert "”Logga in med ditt kommunkonto”" in message.body
    assert "/konto/login/" in message.body and "/konto/aktivera/" not in message.body


def test_notice_is_written_in_the_persons_language(cast, send):
    person = new_person()
    services.invite(person)
    person.user.language = "en"
    person.user.save()
    assert Notification.objects.get(recipient=person).subject == "Aktivera ditt konto i Samverkan"
    send(services.resend_activation, cast.user("secretariat"), person)
    assert mails_to(NEW)[-1].subject == "Activate your account in Samverkan"


# ---- the link ---------------------------------------------------------------------------------


def test_link_sets_the_password_and_signs_in(cast, client_for, send):
    send(add_coordinator, client_for("coordinator"), cast.network)
    path = link_in(mails_to(NEW)[0])
    client = Client()
    page = client.get(path)
    assert page.status_code == 200 and "Aktivera ditt konto" in page.content.decode()
    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("people:my_page")
    person = Person.objects.select_related("user").get(email=NEW)
    assert person.user.check_password(PASSWORD)
    assert services.has_activated(person) and services.can_sign_in(person)
    assert "Nora Ny" in client.get(reverse("people:my_page")).content.decode()
    assert Client().login(email=NEW, password=PASSWORD)


def test_link_refuses_a_weak_password_with_a_swedish_message(cast, send):
    person = new_person()
    send(services.invite, person)
    response = Client().post(
        link_in(mails_to(NEW)[0]), {"new_password1": "abc", "new_password2": "abc"}
    )
    assert response.status_code == 200
    assert "minst 8 tecken" in response.content.decode()
    person.user.refresh_from_db()
    assert not person.user.has_usable_password()


def test_link_expires_after_fourteen_days(cast, send, monkeypatch):
    person = new_person()
    send(services.invite, person)
    path = link_in(mails_to(NEW)[0])
    now = datetime.datetime.now()
    monkeypatch.setattr(activation_token, "_now", lambda: now + datetime.timedelta(days=13))
    assert Client().get(path).status_code == 200
    monkeypatch.setattr(activation_token, "_now", lambda: now + datetime.timedelta(days=15))
    page = Client().get(path)
    assert page.status_code == 400 and "Länken fungerar inte" in page.content.decode()
    refused = Client().post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert refused.status_code == 400
    person.user.refresh_from_db()
    assert not person.user.has_usable_password()


def test_link_works_once(cast, send):
    person = new_person()
    send(services.invite, person)
    path = link_in(mails_to(NEW)[0])
    Client().post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    again = Client().post(
        path, {"new_password1": "ett-annat-losen", "new_password2": "ett-annat-losen"}
    )
    assert again.status_code == 400 and "redan använd" in again.content.decode()
    person.user.refresh_from_db()
    assert person.user.check_password(PASSWORD)


@pytest.mark.parametrize("path", ["/konto/aktivera/xx/yy/", "/konto/aktivera/MQ/1-abc/"])
def test_broken_link_is_refused(cast, path):
    assert Client().get(path).status_code == 400


def test_a_password_reset_link_is_no_activation_link(cast):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.http import urlsafe_base64_encode

    person = new_person()
    services.invite(person)
    uid = urlsafe_base64_encode(str(person.user.pk).encode())
    token = default_token_generator.make_token(person.user)
    assert Client().get(f"/konto/aktivera/{uid}/{token}/").status_code == 400


# ---- resend -----------------------------------------------------------------------------------


def test_secretariat_resends_with_a_fresh_link(cast, client_for, send):
    person = new_person()
    send(services.invite, person)
    members = reverse("networks:members", args=[cast.network.slug])
    url = reverse("accounts:resend_activation", args=[person.pk])
    response = send(client_for("secretariat").post, url, {"next": members})
    assert response.status_code == 302 and response["Location"] == members
    first, second = mails_to(NEW)
    assert link_in(first) != link_in(second) or first.body != second.body
    assert activation_notices(person).count() == 2


def test_only_the_secretariat_resends(cast, client_for, send):
    person = new_person()
    url = reverse("accounts:resend_activation", args=[person.pk])
    assert send(client_for("coordinator").post, url).status_code == 403
    assert Client().post(url).status_code == 302  # to the login page
    with pytest.raises(Exception, match="sekretariatet"):
        services.resend_activation(cast.user("coordinator"), person)
    assert mails_to(NEW) == [] and not activation_notices(person).exists()


def test_resend_to_someone_who_can_sign_in_is_refused(cast, client_for):
    with pytest.raises(ServiceError, match="kan redan logga in"):
        services.resend_activation(cast.user("secretariat"), cast.people["member"])
    url = reverse("accounts:resend_activation", args=[cast.people["member"].pk])
    page = client_for("secretariat").post(url, follow=True).content.decode()
    assert "kan redan logga in" in page


# ---- password reset ---------------------------------------------------------------------------


def reset(client, email):
    return client.post(reverse("account_reset_password"), {"email": email})


def test_password_reset_without_an_account_sends_the_activation(cast, send):
    person = new_person()
    response = send(reset, Client(), NEW)
    (message,) = mails_to(NEW)
    assert message.subject == "Aktivera ditt konto i Samverkan"
    assert "Okänt konto" not in message.body
    # The page says no more than for an address nobody has.
    unknown = send(reset, Client(), "ingen@example.se")
    assert (response.status_code, response["Location"]) == (
        unknown.status_code,
        unknown["Location"],
    )
    path = link_in(message)
    Client().post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    person.refresh_from_db()
    assert person.user.check_password(PASSWORD)


def test_password_reset_for_an_account_is_allauths_own(cast, send):
    email = cast.people["member"].email
    send(reset, Client(), email)
    (message,) = mails_to(email)
    assert "/konto/aktivera/" not in message.body and "/konto/password/reset/key/" in message.body


def test_password_reset_keeps_allauths_rate_limit(cast, send, settings):
    new_person()
    for _ in range(5):
        send(reset, Client(), NEW)
    assert send(reset, Client(), NEW).status_code == 429
    assert len(mails_to(NEW)) == 5


# ---- the directors' group opens what it is sent -----------------------------------------------


def test_directors_group_opens_every_link_it_is_sent(cast, client_for, send):
    from samverkan.surveys import services as surveys
    from tests.surveys.helpers import add_members, answer_all, opened_round

    secretariat = client_for("secretariat")
    send(
        secretariat.post,
        reverse("surveys:directors"),
        {"name": "Dora Direktör", "email": "dora@example.se"},
    )
    dora = Client()
    dora.post(
        link_in(mails_to("dora@example.se")[0]),
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    today = datetime.date.today()
    people = add_members(cast, cast.other_network, 5)
    survey = opened_round(cast, opens=today, closes=today)
    answer_all(survey, cast.other_network, people, today=today)
    surveys.close_round(cast.user("secretariat"), survey, today=today)
    send(secretariat.post, reverse("surveys:action", args=[survey.pk, "skicka"]))
    send(secretariat.post, reverse("reports:yearly_send", args=[today.year]), {"confirm": "on"})
    sent = mails_to("dora@example.se")[1:]
    assert sorted(m.subject.split(":")[0].split(" ")[0] for m in sent) == ["Resultat", "Årsrapport"]
    from django.conf import settings

    paths = {
        url.removeprefix(settings.SITE_URL.rstrip("/"))
        for m in sent
        for url in re.findall(r"https?://\S+", m.body)
    }
    assert len(paths) >= 4, paths  # two pages, two notices in the inbox
    for path in paths:
        assert dora.get(path).status_code == 200, path
    assert DirectorsGroupMember.objects.get().person.user.last_login is not None


# ---- the secretariat sees who has not activated -------------------------------------------------


def test_not_activated_badge_on_the_lists_for_the_secretariat(cast, client_for):
    person = new_person()
    person.municipality = cast.muni("Bjuv")
    person.save()
    add_membership(cast.user("coordinator"), cast.network, person=person)
    DirectorsGroupMember.objects.create(person=person)
    pages = [
        reverse("networks:members", args=[cast.network.slug]),
        reverse("municipalities:detail", args=["bjuv"]),
        reverse("surveys:directors"),
    ]
    resend = reverse("accounts:resend_activation", args=[person.pk])
    for path in pages:
        page = client_for("secretariat").get(path).content.decode()
        assert page.count("Ej aktiverad") == 1, path
        assert f'action="{resend}"' in page and "Skicka aktiveringen igen" in page, path
    members = client_for("coordinator").get(pages[0]).content.decode()
    assert "Ej aktiverad" not in members and resend not in members


def test_members_list_stays_flat_in_queries(cast, client_for):
    client = client_for("secretariat")
    url = reverse("networks:members", args=[cast.network.slug])
    client.get(url)

    def page():
        with capture_queries(url) as queries:
            assert client.get(url).status_code == 200
        return queries

    for i in range(2):
        add_membership(cast.user("coordinator"), cast.network, person=new_person(f"a{i}@x.se"))
    few = page()
    for i in range(8):
        add_membership(cast.user("coordinator"), cast.network, person=new_person(f"b{i}@x.se"))
    assert_same_queries(few, page())


def test_invite_everyone_reaches_people_written_in_bulk_or_inbox_only(cast, send):
    """For the demo: its people are written in bulk or inside inbox_only()."""
    from samverkan.notifications.services import inbox_only

    bulk = new_person("bulk@example.se", "Bo Bulk")
    quiet = new_person("tyst@example.se", "Tova Tyst")
    with inbox_only():
        send(services.invite, quiet)
    assert mail.outbox == []
    assert send(services.invite_everyone) == 2
    assert [len(mails_to(p.email)) for p in (bulk, quiet)] == [1, 1]
    assert send(services.invite_everyone) == 0
    send(add_membership, cast.user("coordinator"), cast.network, person=bulk)
    activations = [m for m in mail.outbox if not m.subject.startswith(WELCOME)]
    assert len(activations) == 2 and mails_to(cast.people["member"].email) == []
