"""The ways into an account are in its history (SPEC §6 "every change in the history"; issue
13, part 6): a password chosen by the activation link or reset by allauth's link, both
without signing in, names "via e-postlänk för <person>"; a second factor added, used and
removed, and an e-mail address, are recorded. No secret is ever in an entry."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.test import Client
from django.urls import reverse

from samverkan.accounts.activation import services as activation
from samverkan.history.context import acting
from samverkan.history.models import HistoryEntry
from samverkan.history.record import SET, UNSET
from samverkan.people.models import Person
from tests.cast import PASSWORD as OLD_PASSWORD

NEW_PASSWORD = "en-lang-fras-om-hosten"
ACTIVATION = re.compile(r"https?://\S+?(/konto/aktivera/[^/\s]+/[^/\s]+/)")
RESET = re.compile(r"https?://\S+?(/konto/password/reset/key/\S+/)")


@pytest.fixture
def send(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def entries_of(obj) -> list[HistoryEntry]:
    return list(
        HistoryEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_pk=str(obj.pk)
        ).order_by("pk")
    )


def link(pattern: re.Pattern[str], email: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [email]]
    match = pattern.search(str(message.body))
    assert match, message.body
    return match.group(1)


def test_a_password_chosen_by_the_activation_link_is_recorded_via_the_link(cast, send):
    person = Person.objects.create(name="Nora Ny", email="nora.ny@example.se")
    send(activation.invite, person)
    response = Client().post(
        link(ACTIVATION, person.email),
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    entry = entries_of(person.user)[-1]
    assert entry.verb == "activate_account"
    assert entry.changes == {"password": [UNSET, SET]}
    assert entry.actor is None
    assert entry.who == "via e-postlänk för Nora Ny <nora.ny@example.se>"


def test_a_password_reset_by_allauths_link_is_recorded_via_the_link(cast, send):
    member = cast.people["member"]
    send(Client().post, reverse("account_reset_password"), {"email": member.email})
    client = Client()
    form = client.get(link(RESET, member.email), follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link(RESET, member.email),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    member.user.refresh_from_db()
    assert member.user.check_password(NEW_PASSWORD)
    entry = entries_of(member.user)[-1]
    assert entry.verb == "reset_password"
    assert entry.changes == {"password": [SET, SET]}
    assert entry.who == f"via e-postlänk för {member.name} <{member.email}>"


def test_a_password_changed_while_signed_in_names_the_account(cast, client_for):
    client = client_for("member")
    response = client.post(
        "/konto/password/change/",
        {"oldpassword": OLD_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    entry = entries_of(cast.user("member"))[-1]
    assert entry.verb == "change_password"
    assert entry.actor == cast.user("member") and entry.via_link_for == ""
    assert entry.changes == {"password": [SET, SET]}


def test_a_second_factor_added_used_and_removed_is_recorded_without_its_secret(cast):
    user = cast.user("secretariat")
    secret = generate_totp_secret()
    with acting(user, "add_second_factor"):
        totp = TOTP.activate(user, secret).instance
        codes = RecoveryCodes.activate(user)
    added = entries_of(totp)
    assert [e.action for e in added] == [HistoryEntry.Action.CREATE]
    assert added[0].actor == user and added[0].changes["type"] == ["None", "totp"]
    assert added[0].changes["data"] == [UNSET, SET]
    # A recovery code used is a change of the codes, shown without the codes.
    assert codes.validate_code(codes.get_unused_codes()[0])
    used = entries_of(codes.instance)[-1]
    assert used.action == HistoryEntry.Action.UPDATE and used.changes == {"data": [SET, SET]}
    with acting(user, "remove_second_factor"):
        Authenticator.objects.filter(pk=totp.pk).delete()
    assert entries_of(totp)[-1].action == HistoryEntry.Action.DELETE
    everything = str(list(HistoryEntry.objects.values_list("changes", flat=True)))
    assert secret not in everything
    assert all(code not in everything for code in codes.generate_codes())


def test_an_e_mail_address_of_an_account_is_recorded(cast):
    user = cast.user("member")
    with acting(cast.user("secretariat"), "admin"):
        address = EmailAddress.objects.create(user=user, email="ny@example.se", verified=False)
        address.verified = True
        address.save()
    made, verified = entries_of(address)
    assert made.changes["email"] == ["None", "ny@example.se"]
    assert verified.changes == {"verified": ["False", "True"]}
    assert verified.actor == cast.user("secretariat")
