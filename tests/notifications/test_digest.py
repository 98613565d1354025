"""The daily digest (issue 16, point 6): one e-mail a day with the day's notices instead of one
e-mail per notice, for those who choose it and by default for the secretariat; one digest per
person per day, never lost, e-mailed with absolute links."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from samverkan.notifications import delivery
from samverkan.notifications.digest import compose_digests
from samverkan.notifications.models import Digest, Notification
from samverkan.notifications.selectors import failed_emails
from samverkan.notifications.services import choose_delivery, delivery_of, notify
from samverkan.notifications.tasks import deliver_digest, deliver_notification

Status = Notification.EmailStatus


class WorkerDied(BaseException):
    """The process is killed: nothing after this point runs, no except clause catches it."""


def _raise(error):
    def fail(*args, **kwargs):
        raise error

    return fail


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def at(hour, days=1):
    """`days` from today at `hour` local time: after the notices made now."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _notify(cast, name="secretariat", n=3, **kw):
    made = []
    for i in range(n):
        made += notify(
            [cast.people[name]],
            kind="test",
            subject=f"Notis {i}",
            body=f"Text {i}. Se /natverk/{cast.network.slug}/avtal/.",
            key=f"digest-test:{name}:{i}:{kw.get('suffix', '')}",
            network=cast.network,
        )
    return made


def test_the_secretariat_gets_the_daily_digest_by_default_others_one_email_each(cast):
    assert delivery_of(cast.people["secretariat"]) is True
    assert delivery_of(cast.people["member"]) is False
    (secretariat_notice,) = _notify(cast, n=1)
    (member_notice,) = _notify(cast, name="member", n=1)
    assert secretariat_notice.email_status == Status.DIGEST
    assert member_notice.email_status == Status.PENDING


def test_notices_of_a_day_arrive_as_one_digest_email_with_absolute_links(
    cast, immediate, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True) as queued:
        notices = _notify(cast)
    assert queued == [] and mail.outbox == []  # nothing e-mailed one by one
    # Before the digest hour nothing is composed.
    assert delivery.sweep_undelivered(at(settings.NOTIFICATIONS_DIGEST_HOUR - 1))["sent"] == 0
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        counts = delivery.sweep_undelivered(at(settings.NOTIFICATIONS_DIGEST_HOUR))
    assert counts["digests"]["composed"] == 1
    (message,) = mail.outbox
    assert message.to == [cast.people["secretariat"].email]
    assert "3 notiser" in message.subject
    for notice in notices:
        assert notice.subject in message.body
    # Links in e-mails are absolute: the notice's own link and a path written in its text.
    site = settings.SITE_URL.rstrip("/")
    assert f"{site}/natverk/{cast.network.slug}/avtal/" in message.body
    assert f"{site}{cast.network.get_absolute_url()}" in message.body
    assert f"{site}{reverse('notifications:inbox')}" in message.body
    assert " /natverk/" not in message.body
    assert set(Notification.objects.values_list("email_status", flat=True)) == {Status.SENT}


def test_one_digest_per_person_per_day_however_often_it_is_composed(
    cast, django_capture_on_commit_callbacks, settings
):
    _notify(cast)
    when = at(settings.NOTIFICATIONS_DIGEST_HOUR + 1)
    with django_capture_on_commit_callbacks(execute=True):
        first = compose_digests(when)
        again = compose_digests(when + datetime.timedelta(minutes=5))
    assert len(first) == 1 and again == []
    digest = Digest.objects.get()
    assert digest.day == when.date() and digest.notices.count() == 3
    # The database holds to it too: (recipient, day) is unique.
    with pytest.raises(IntegrityError), transaction.atomic():
        Digest.objects.create(recipient=digest.recipient, day=digest.day)
    assert deliver_digest.call(digest.pk) == "sent"
    assert deliver_digest.call(digest.pk) == "not_pending"
    assert delivery.sweep_undelivered(when + datetime.timedelta(hours=1))["sent"] == 0
    assert len(mail.outbox) == 1


def test_a_notice_made_after_the_days_digest_waits_for_the_next_day(cast, settings):
    hour = settings.NOTIFICATIONS_DIGEST_HOUR
    _notify(cast, n=1)
    delivery.sweep_undelivered(at(hour))
    (later,) = _notify(cast, n=1, suffix="later")
    delivery.sweep_undelivered(at(hour + 3))
    later.refresh_from_db()
    assert (later.email_status, later.digest) == (Status.DIGEST, None)
    delivery.sweep_undelivered(at(hour, days=2))
    later.refresh_from_db()
    assert later.email_status == Status.SENT
    assert len(mail.outbox) == 2
    assert Digest.objects.filter(recipient=cast.people["secretariat"]).count() == 2


def test_a_digest_left_by_a_dead_worker_is_sent_by_the_sweep_with_the_same_message_id(
    cast, monkeypatch, settings
):
    _notify(cast)
    when = at(settings.NOTIFICATIONS_DIGEST_HOUR)
    (pk,) = compose_digests(when)
    monkeypatch.setattr(delivery, "_mark_sent", _raise(WorkerDied()))
    with pytest.raises(WorkerDied):
        delivery.deliver_digest(pk, now=when)
    monkeypatch.undo()
    assert Digest.objects.get(pk=pk).email_status == Status.SENDING
    assert deliver_digest.call(pk) == "not_pending"  # a second task while the first "works"
    stuck = datetime.timedelta(minutes=settings.NOTIFICATIONS_STUCK_MINUTES)
    assert (
        delivery.sweep_undelivered(when + stuck - datetime.timedelta(minutes=1))
        .get("digests", {})
        .get("sent", 0)
        == 0
    )
    counts = delivery.sweep_undelivered(when + stuck + datetime.timedelta(minutes=1))
    assert counts["digests"] == {"released": 1, "composed": 0, "sent": 1, "failed": 0}
    assert len(mail.outbox) == 2
    assert mail.outbox[0].extra_headers["Message-ID"] == mail.outbox[1].extra_headers["Message-ID"]
    assert Digest.objects.get(pk=pk).email_status == Status.SENT
    assert set(Notification.objects.values_list("email_status", flat=True)) == {Status.SENT}


def test_a_digest_refused_for_good_leaves_its_notices_for_the_secretariat_to_send_again(
    cast, monkeypatch, settings
):
    notices = _notify(cast, n=2)
    when = at(settings.NOTIFICATIONS_DIGEST_HOUR)
    (pk,) = compose_digests(when)
    refused = smtplib.SMTPRecipientsRefused({"x@example.se": (550, b"no such user")})
    monkeypatch.setattr("django.core.mail.EmailMessage.send", _raise(refused))
    assert delivery.deliver_digest(pk, now=when) == "failed"
    monkeypatch.undo()
    assert Digest.objects.get(pk=pk).email_status == Status.FAILED
    assert {n.pk for n in failed_emails()} == {n.pk for n in notices}
    # "Skicka igen" sends each failed notice on its own.
    from samverkan.notifications.services import resend_failed

    assert resend_failed(cast.people["secretariat"]) == 2
    for notice in notices:
        assert deliver_notification.call(notice.pk) == "sent"
    assert len(mail.outbox) == 2


def test_an_activation_link_is_never_held_for_the_digest(cast):
    (notice,) = notify(
        [cast.people["secretariat"]], kind="activation", subject="Aktivera", body="x", key="a:1"
    )
    assert notice.email_status == Status.PENDING
    (urgent,) = notify(
        [cast.people["secretariat"]], kind="test", subject="B", body="x", key="a:2", immediate=True
    )
    assert urgent.email_status == Status.PENDING


def test_each_person_chooses_the_digest_or_one_email_per_notice(
    cast, immediate, django_capture_on_commit_callbacks
):
    member = cast.people["member"]
    choose_delivery(member, daily_digest=True)
    assert delivery_of(member) is True
    (notice,) = _notify(cast, name="member", n=1)
    assert notice.email_status == Status.DIGEST
    # Back to one e-mail per notice: what waited for the digest is sent now.
    secretariat = cast.people["secretariat"]
    waiting = _notify(cast, n=2)
    with django_capture_on_commit_callbacks(execute=True):
        choose_delivery(secretariat, daily_digest=False)
    assert delivery_of(secretariat) is False
    assert len(mail.outbox) == 2
    assert {m.subject for m in mail.outbox} == {n.subject for n in waiting}
    # The same choice again changes nothing and writes no history.
    from samverkan.history.models import HistoryEntry

    entries = HistoryEntry.objects.filter(verb="choose_notice_delivery").count()
    choose_delivery(secretariat, daily_digest=False)
    assert HistoryEntry.objects.filter(verb="choose_notice_delivery").count() == entries == 2


def test_the_choice_is_made_in_the_inbox(cast, client_for):
    client = client_for("member")
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert "Du får ett e-postmeddelande för varje notis." in html
    response = client.post(reverse("notifications:delivery"), {"sammanfattning": "1"})
    assert response.status_code == 302
    assert delivery_of(cast.people["member"]) is True
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert "Du får en sammanfattning per dag med dagens notiser." in html
    # Bad input: a Swedish message, nothing changed.
    response = client.post(reverse("notifications:delivery"), {"sammanfattning": "x"}, follow=True)
    assert "Välj" in response.content.decode()
    assert delivery_of(cast.people["member"]) is True


def test_the_digest_is_written_in_the_recipients_language(cast, settings):
    user = cast.people["secretariat"].user
    user.language = "en"
    user.save()
    _notify(cast, n=2)
    delivery.sweep_undelivered(at(settings.NOTIFICATIONS_DIGEST_HOUR))
    (message,) = mail.outbox
    assert "2 notices" in message.subject
    assert "one summary a day" in message.body
