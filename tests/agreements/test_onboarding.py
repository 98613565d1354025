import datetime

import pytest
from django.core.exceptions import PermissionDenied

from samverkan.agreements import matters as work
from samverkan.agreements.models import OnboardingTask
from samverkan.agreements.reminders import remind_onboarding
from samverkan.compliance.registry import Status
from samverkan.compliance.selectors import evaluate
from samverkan.networks.models import Membership
from samverkan.networks.services import add_membership
from samverkan.notifications.models import Notification
from tests.agreements.helpers import adopt
from tests.cast import make_person

START = datetime.date(2026, 3, 2)


@pytest.fixture
def rep(cast):
    person = make_person("Rut Representant", cast.muni("Båstad"))
    Membership.objects.create(
        network=cast.network,
        person=person,
        municipality=person.municipality,
        role=Membership.Role.ONBOARDING,
        start_on=datetime.date(2025, 1, 1),
    )
    return person


def add_new(cast, name="Nils Ny", role=Membership.Role.MEMBER, start_on=START):
    person = make_person(name, cast.muni("Perstorp"))
    return add_membership(
        cast.user("coordinator"), cast.network, person=person, role=role, start_on=start_on
    )


def verdict(cast, day):
    return evaluate([cast.network], day, rule_ids=["PR3"])[0].verdicts["PR3"]


def test_new_member_creates_task_for_representative_PR3(
    cast, rep, django_capture_on_commit_callbacks
):
    adopt(cast)
    with django_capture_on_commit_callbacks(execute=True):
        membership = add_new(cast)
    task = OnboardingTask.objects.get()
    assert task.membership == membership and task.representative == rep
    assert (task.due_on - task.created_on).days == 14
    assert Notification.objects.filter(recipient=rep, kind="onboarding").count() == 1


def test_no_task_without_the_parameter_PR3(cast, rep):
    adopt(cast, onboarding_representative=False)
    add_new(cast)
    assert not OnboardingTask.objects.exists()


def test_no_task_for_a_coordinator_role_or_returning_member_PR3(cast, rep):
    adopt(cast)
    add_new(cast, "Cora Samordnare", role=Membership.Role.COORDINATOR)
    person = cast.people["member"]  # a member since 2020
    Membership.objects.filter(person=person).update(end_on=datetime.date(2025, 1, 1))
    add_membership(cast.user("coordinator"), cast.network, person=person, start_on=START)
    assert not OnboardingTask.objects.exists()


def test_task_without_representative_is_still_created_and_pr3_missing(cast):
    adopt(cast)
    add_new(cast)
    assert OnboardingTask.objects.get().representative is None
    assert verdict(cast, START).status == Status.MISSING


def test_reminded_after_14_days_once_PR3(cast, rep, django_capture_on_commit_callbacks):
    adopt(cast)
    add_new(cast)
    task = OnboardingTask.objects.get()
    assert remind_onboarding(task.due_on - datetime.timedelta(days=1)) == 0
    assert remind_onboarding(task.due_on) == 1
    assert remind_onboarding(task.due_on + datetime.timedelta(days=1)) == 0
    task.refresh_from_db()
    assert task.reminded_on == task.due_on
    assert Notification.objects.filter(recipient=rep, kind="onboarding_reminder").count() == 1


def test_overdue_task_warns_then_done_is_ok_PR3(cast, rep):
    adopt(cast)
    add_new(cast)
    task = OnboardingTask.objects.get()
    late = task.due_on + datetime.timedelta(days=1)
    v = verdict(cast, late)
    assert v.status == Status.WARNING and "Nils Ny" in v.explanation
    work.complete_onboarding_task(rep.user, task, today=late)
    assert verdict(cast, late).status == Status.OK


def test_only_representative_or_editor_completes_PR3(cast, rep):
    adopt(cast)
    add_new(cast)
    task = OnboardingTask.objects.get()
    with pytest.raises(PermissionDenied):
        work.complete_onboarding_task(cast.user("member"), task)
    task.refresh_from_db()
    assert task.done_on is None
    work.complete_onboarding_task(cast.user("coordinator"), task)
    assert task.done_on is not None


def test_open_tasks_shown_on_network_page_PR3(cast, rep, client_for):
    adopt(cast)
    add_new(cast)
    html = client_for("member").get("/natverk/socialchefsnatverket/").content.decode()
    assert "Introduktion av nya kolleger" in html
    assert "Nils Ny – Rut Representant" in html
    reader_html = client_for("reader").get("/natverk/socialchefsnatverket/").content.decode()
    assert "Introduktion av nya kolleger" not in reader_html
