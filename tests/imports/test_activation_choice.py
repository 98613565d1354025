"""The choice at the confirmation: send the activation e-mails and notices now, or not at all
("not at all": nothing is queued for e-mail; the notices are in the inboxes only). The import
runs in its own transaction here, as on the page, so that what is done after its commit
(the e-mails queued, the onboarding notice) happens as it would."""

import datetime

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from samverkan.imports.services import send_activations
from samverkan.networks.models import Membership
from samverkan.notifications.models import Notification
from tests.agreements.helpers import adopt
from tests.imports.helpers import MEMBERSHIPS, book, run

pytestmark = pytest.mark.django_db(transaction=True)
Status = Notification.EmailStatus


def email_tasks() -> int:
    """Tasks queued for e-mail: not the stored verdicts' refresh that every committed write
    queues as well (samverkan/compliance/tasks.py)."""
    return DBTaskResult.objects.exclude(task_path__startswith="samverkan.compliance.").count()


def onboarding_network(cast):
    """The cast's network names an onboarding representative (PR3): a new member's task and
    its notice to the representative follow the import."""
    adopt(cast)
    Membership.objects.create(
        network=cast.network,
        person=cast.people["coordinator"],
        role=Membership.Role.ONBOARDING,
        start_on=datetime.date(2020, 1, 1),
    )
    return book(
        Medlemskap=[
            MEMBERSHIPS,
            ["Biblioteksnätverket", "bo.bok@bjuv.example.se", "Samordnare", "", "", ""],
            ["Socialchefsnätverket", "lena.las@klippan.example.se", "Medlem", "", "", ""],
        ]
    )


def test_not_at_all_queues_nothing(cast):
    source = onboarding_network(cast)
    tasks, notices = email_tasks(), Notification.objects.count()
    report = run(cast, source, send_invitations=False)
    assert report.applied and report.invitations == 2
    made = Notification.objects.order_by("pk")[notices:]
    kinds = sorted(n.kind for n in made)
    assert kinds == ["activation", "activation", "onboarding"]
    assert {n.email_status for n in made} == {Status.SKIPPED}
    assert email_tasks() == tasks  # no e-mail queued
    assert mail.outbox == []


def test_now_sends_the_activations_and_notices(cast):
    source = onboarding_network(cast)
    tasks, notices = email_tasks(), Notification.objects.count()
    report = run(cast, source, send_invitations=True)
    assert report.applied and report.invitations == 2
    made = Notification.objects.order_by("pk")[notices:]
    assert sorted(n.kind for n in made) == ["activation", "activation", "onboarding"]
    assert {n.email_status for n in made} == {Status.PENDING}
    assert email_tasks() == tasks + 3  # one e-mail each, queued after commit


def test_the_activations_not_sent_can_be_sent_later(cast):
    run(cast, book(), send_invitations=False)
    tasks = email_tasks()
    assert send_activations(cast.user("secretariat")) == 2
    assert email_tasks() == tasks + 2
    assert send_activations(cast.user("secretariat")) == 0  # once
