"""The agreements app's notices (onboarding, year items) are written in each recipient's own
language, whatever the language active when they are sent (SPEC §6; issue 11, item 10)."""

import datetime

import pytest
from django.utils import translation

from samverkan.agreements.models import OnboardingTask
from samverkan.agreements.reminders import remind_onboarding, remind_year_items
from samverkan.networks.models import Membership
from samverkan.networks.services import add_membership
from samverkan.notifications.models import Notification
from tests.agreements.helpers import adopt
from tests.cast import make_person

START = datetime.date(2026, 3, 2)


def speaks(person, language):
    person.user.language = language
    person.user.save(update_fields=["language"])
    return person


def _representative(cast, network, name, muni):
    person = make_person(name, cast.muni(muni))
    Membership.objects.create(
        network=network,
        person=person,
        municipality=person.municipality,
        role=Membership.Role.ONBOARDING,
        start_on=datetime.date(2025, 1, 1),
    )
    return person


def _new_member(cast, name, *, sent_in):
    person = make_person(name, cast.muni("Perstorp"))
    with translation.override(sent_in):
        add_membership(cast.user("coordinator"), cast.network, person=person, start_on=START)
    return person


@pytest.mark.parametrize(
    ("language", "sent_in", "created", "reminder"),
    [
        ("en", "sv", "New colleague to introduce in ", "Reminder: introduce Nils Ny"),
        ("sv", "en", "Ny kollega att introducera i ", "Påminnelse: introducera Nils Ny"),
    ],
)
def test_onboarding_notices_in_the_representatives_language_PR3(
    cast, django_capture_on_commit_callbacks, language, sent_in, created, reminder
):
    rep = speaks(_representative(cast, cast.network, "Rut Representant", "Båstad"), language)
    adopt(cast)
    with django_capture_on_commit_callbacks(execute=True):
        _new_member(cast, "Nils Ny", sent_in=sent_in)
    notice = Notification.objects.get(recipient=rep, kind="onboarding")
    assert notice.subject == created + cast.network.name
    task = OnboardingTask.objects.get()
    with translation.override(sent_in):
        assert remind_onboarding(task.due_on) == 1
    notice = Notification.objects.get(recipient=rep, kind="onboarding_reminder")
    assert notice.subject == reminder


def test_year_items_in_each_coordinators_language_CH2_CO3(cast):
    adopt(cast)
    english = speaks(make_person("Eve English", cast.muni("Bjuv")), "en")
    Membership.objects.create(
        network=cast.network,
        person=english,
        municipality=english.municipality,
        role=Membership.Role.COORDINATOR,
        start_on=datetime.date(2025, 1, 1),
    )
    with translation.override("sv"):
        assert remind_year_items(datetime.date(2026, 11, 1)) == 1
    subjects = dict(
        Notification.objects.filter(kind="year_items_due").values_list("recipient", "subject")
    )
    assert subjects[english.pk] == "Before 2027: appoint a chair, adopt a business plan"
    assert subjects[cast.people["coordinator"].pk] == (
        "Inför 2027: utse ordförande, anta verksamhetsplan"
    )
