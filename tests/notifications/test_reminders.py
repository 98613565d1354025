"""The daily reminders registry, its command and the scheduler."""

import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from samverkan.notifications import reminders
from samverkan.notifications.models import Notification, ReminderRun
from samverkan.notifications.scheduler import Scheduler
from samverkan.notifications.services import notify


@pytest.fixture
def registered(cast, monkeypatch):
    calls = []

    def remind_member(today):
        calls.append(today)
        notify(
            [cast.people["member"]],
            kind="test",
            subject="Påminnelse",
            body="Gör det",
            key=f"test-reminder:{today.isoformat()}",
        )

    monkeypatch.setitem(reminders.REMINDERS, "test.remind_member", remind_member)
    return calls


def test_run_reminders_command_runs_registered_reminders_and_sweeps(registered, cast):
    call_command("run_reminders", "--date", "2026-11-01", stdout=_Sink())
    call_command("run_reminders", "--date", "2026-11-01", stdout=_Sink())
    assert registered == [datetime.date(2026, 11, 1)] * 2
    assert Notification.objects.filter(key="test-reminder:2026-11-01").count() == 1
    # The sweep in the daily run e-mailed it, once.
    assert [m.to for m in mail.outbox].count([cast.people["member"].email]) == 1
    assert ReminderRun.objects.filter(day=datetime.date(2026, 11, 1)).exists()


def test_failing_reminder_does_not_stop_the_others(registered, monkeypatch):
    def broken(today):
        raise RuntimeError("boom")

    monkeypatch.setitem(reminders.REMINDERS, "a.broken", broken)
    with pytest.raises(CommandError, match=r"a\.broken"):
        call_command("run_reminders", "--date", "2026-11-02", stdout=_Sink())
    assert registered == [datetime.date(2026, 11, 2)]


def test_bad_date_is_refused(db):
    with pytest.raises(CommandError):
        call_command("run_reminders", "--date", "2026-13-01", stdout=_Sink())


def test_scheduler_enqueues_daily_run_once_a_day_and_sweeps(db, settings):
    from django_tasks_db.models import DBTaskResult

    settings.REMINDERS_HOUR = 6
    day = timezone.make_aware(datetime.datetime(2026, 11, 3, 5, 0))
    scheduler = Scheduler()
    assert scheduler.tick(day) == ["sweep_notifications"]
    assert scheduler.tick(day + datetime.timedelta(hours=2)) == [
        "run_daily_reminders",
        "sweep_notifications",
    ]
    assert scheduler.tick(day + datetime.timedelta(hours=2, minutes=1)) == []
    # A restarted scheduler does not run a day again that already ran.
    ReminderRun.objects.create(day=datetime.date(2026, 11, 3))
    assert "run_daily_reminders" not in Scheduler().tick(day + datetime.timedelta(hours=3))
    paths = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert paths.count("samverkan.notifications.tasks.run_daily_reminders") == 1


class _Sink:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
